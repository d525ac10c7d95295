using RdiffCore.Delta;
using RdiffCore.Tests.Support;

namespace RdiffCore.Tests.Delta;

public sealed class ForwardDeltaTests
{
    private static IEnumerable<TestCaseData> Cases()
    {
        int seed = 500;
        foreach (MutationKind kind in Enum.GetValues<MutationKind>())
        {
            foreach (int size in new[] { 0, 1, 511, 512, 513, 20_000, 700_000 })
            {
                yield return new TestCaseData(kind, size, seed++).SetName($"Forward delta: {kind} of {size} bytes");
            }
        }
    }

    [TestCaseSource(nameof(Cases))]
    public void A_forward_delta_against_a_signature_rebuilds_the_new_file(MutationKind kind, int size, int seed)
    {
        var random = new Random(seed);
        byte[] basis = Mutation.Random(size, random);
        byte[] target = Mutation.Apply(basis, kind, random);
        using var directory = new TempDirectory();
        string basisPath = directory.Write("basis", basis);

        var signatureBytes = new MemoryStream();
        using (var input = new MemoryStream(basis))
        {
            SignatureWriter.Write(input, signatureBytes);
        }
        signatureBytes.Position = 0;
        Signature signature = SignatureReader.Read(signatureBytes);
        using (var output = File.Create(directory["delta"]))
        {
            ForwardDelta.Write(signature, new MemoryStream(target), output);
        }

        Patcher.PatchFile(basisPath, directory["delta"], directory["ours"]);
        ExternalTool.Succeed("rdiff", "patch", basisPath, directory["delta"], directory["theirs"]);
        Assert.That(File.ReadAllBytes(directory["ours"]), Is.EqualTo(target));
        Assert.That(File.ReadAllBytes(directory["theirs"]), Is.EqualTo(target));
    }

    [Test]
    public void An_unchanged_file_is_one_copy_and_an_edit_costs_about_one_block()
    {
        byte[] basis = Mutation.Random(1 << 20, new Random(1));
        Signature signature = SignatureWriter.Compute(new MemoryStream(basis));
        Assert.That(signature.BlockSize, Is.EqualTo(1024), "about the square root of the length");

        DeltaStats same = ForwardDelta.Write(signature, new MemoryStream(basis), Stream.Null);
        byte[] edited = (byte[])basis.Clone();
        edited[300_000] ^= 1;
        DeltaStats changed = ForwardDelta.Write(signature, new MemoryStream(edited), Stream.Null);

        Assert.Multiple(() =>
        {
            Assert.That(same.CopyCommands, Is.EqualTo(1));
            Assert.That(same.LiteralBytes, Is.Zero);
            Assert.That(changed.LiteralBytes, Is.EqualTo(1024));
        });
    }

    [Test]
    public void Every_block_of_a_signature_with_a_million_blocks_can_be_matched()
    {
        // A wire signature may have 2^20 blocks (a 1 GiB file in 1 KiB blocks); 16-byte blocks give
        // as many in 16 MiB. An edit near the end breaks the run of matches, and the blocks after it
        // must still be found by their sums.
        const int blockSize = 16;
        byte[] basis = Mutation.Random((1 << 20) * blockSize, new Random(3));
        Signature signature = SignatureWriter.Compute(new MemoryStream(basis), null, null, blockSize);
        byte[] edited = (byte[])basis.Clone();
        edited[basis.Length - (basis.Length / 20) + 5] ^= 1;

        DeltaStats changed = ForwardDelta.Write(signature, new MemoryStream(edited), Stream.Null);

        Assert.That(changed.LiteralBytes, Is.LessThanOrEqualTo(2 * blockSize));
    }

    [Test]
    public void Signatures_are_keyed_and_round_trip()
    {
        byte[] basis = Mutation.Random(5000, new Random(2));
        Signature first = SignatureWriter.Compute(new MemoryStream(basis));
        Signature second = SignatureWriter.Compute(new MemoryStream(basis));
        var bytes = new MemoryStream();
        SignatureWriter.WriteTo(first, bytes);
        bytes.Position = 0;
        Signature read = SignatureReader.Read(bytes);

        Assert.Multiple(() =>
        {
            Assert.That(first.Seed, Is.Not.EqualTo(second.Seed), "a new random key per signature");
            Assert.That(first.Strong, Is.Not.EqualTo(second.Strong));
            Assert.That(first.Weak, Is.EqualTo(second.Weak));
            Assert.That(bytes.Length, Is.EqualTo(Signature.HeaderLength + (first.BlockCount * Signature.BlockRecordLength)));
            Assert.That(read.Seed, Is.EqualTo(first.Seed));
            Assert.That(read.BasisLength, Is.EqualTo(5000));
            Assert.That(read.Weak, Is.EqualTo(first.Weak));
            Assert.That(read.Strong, Is.EqualTo(first.Strong));
        });
    }

    [TestCase("")]
    [TestCase("52534731 00000200 0000000000001000 0000000000000001")]
    [TestCase("72730147 00000800 00000020")]
    [TestCase("52534731 00000000 0000000000000001 0000000000000001")]
    public void A_damaged_signature_is_rejected(string hex)
    {
        Assert.Throws<CorruptDeltaException>(() => SignatureReader.Read(new MemoryStream(DeltaWriterTests.Hex(hex))));
    }
}
