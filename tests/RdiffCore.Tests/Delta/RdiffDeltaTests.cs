using RdiffCore.Delta;
using RdiffCore.Tests.Support;

namespace RdiffCore.Tests.Delta;

/// <summary>Deltas made by librsync's `rdiff delta`, from every kind of signature it makes, applied by us.</summary>
public sealed class RdiffDeltaTests
{
    private static readonly string[][] s_signatureKinds =
    [
        [],                                     // RabinKarp + BLAKE2 (the default)
        ["--hash=md4"],                         // RabinKarp + MD4
        ["-R", "rollsum"],                      // rollsum + BLAKE2
        ["-R", "rollsum", "--hash=md4"],        // rollsum + MD4, as rdiff-backup signs
        ["-b", "64", "-S", "8"],                // tiny blocks, truncated strong sums
        ["-b", "100000"],                       // blocks larger than the file
    ];

    private static IEnumerable<TestCaseData> Cases()
    {
        int seed = 100;
        foreach (string[] kind in s_signatureKinds)
        {
            foreach (MutationKind mutation in new[] { MutationKind.Identical, MutationKind.Mixed, MutationKind.CompletelyDifferent, MutationKind.Truncated })
            {
                foreach (int size in new[] { 0, 1, 5000, 300_000 })
                {
                    string label = kind.Length == 0 ? "default" : string.Join(' ', kind);
                    yield return new TestCaseData(kind, mutation, size, seed++).SetName($"rdiff delta ({label}) of {mutation}, {size} bytes");
                }
            }
        }
    }

    [TestCaseSource(nameof(Cases))]
    public void We_apply_what_rdiff_delta_makes(string[] signatureOptions, MutationKind mutation, int size, int seed)
    {
        var random = new Random(seed);
        byte[] basis = Mutation.Random(size, random);
        byte[] target = Mutation.Apply(basis, mutation, random);
        using var directory = new TempDirectory();
        string basisPath = directory.Write("basis", basis);
        string targetPath = directory.Write("target", target);

        ExternalTool.Succeed("rdiff", ["signature", .. signatureOptions, basisPath, directory["sig"]]);
        ExternalTool.Succeed("rdiff", "delta", directory["sig"], targetPath, directory["delta"]);
        Patcher.PatchFile(basisPath, directory["delta"], directory["out"]);

        Assert.That(File.ReadAllBytes(directory["out"]), Is.EqualTo(target));
    }

    [Test]
    public void Our_block_sums_are_librsyncs_RabinKarp_sums()
    {
        byte[] data = Mutation.Random(10_000, new Random(77));
        using var directory = new TempDirectory();
        string path = directory.Write("data", data);

        ExternalTool.Succeed("rdiff", "signature", "-b", "1024", "-S", "8", path, directory["sig"]);

        // Header: magic, block length, strong length; then per block a weak sum and 8 strong bytes.
        byte[] signature = File.ReadAllBytes(directory["sig"]);
        Assert.That(Convert.ToHexString(signature, 0, 4), Is.EqualTo("72730147"));
        for (int block = 0; block * 1024 < data.Length; block++)
        {
            uint theirs = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(signature.AsSpan(12 + (block * 12)));
            ReadOnlySpan<byte> bytes = data.AsSpan(block * 1024, Math.Min(1024, data.Length - (block * 1024)));
            Assert.That(RabinKarp.Hash(bytes), Is.EqualTo(theirs), $"block {block}");
        }
    }
}
