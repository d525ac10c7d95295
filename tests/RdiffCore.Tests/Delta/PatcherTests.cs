using RdiffCore.Delta;
using RdiffCore.Tests.Support;

namespace RdiffCore.Tests.Delta;

public sealed class PatcherTests
{
    // Basis of 100 bytes 0..99 for every hand-made delta below.
    private static readonly byte[] s_basis = Enumerable.Range(0, 100).Select(i => (byte)i).ToArray();

    private static IEnumerable<TestCaseData> ValidDeltas()
    {
        yield return Case("magic and END only", "72730236 00", "");
        yield return Case("immediate literal", "72730236 03 414243 00", "414243");
        yield return Case("COPY_N1_N1", "72730236 45 05 03 00", "050607");
        yield return Case("COPY going backwards and repeating", "72730236 45 05 02 45 00 02 45 05 02 00", "0506 0001 0506");
        yield return Case("non-minimal widths (COPY_N4_N4, LITERAL_N4)", "72730236 4F 00000001 00000002 43 00000002 EEFF 00", "0102 EEFF");
        yield return Case("COPY_N8_N8", "72730236 54 0000000000000062 0000000000000002 00", "6263");
        yield return Case("LITERAL_N8", "72730236 44 0000000000000001 7A 00", "7A");
        yield return Case("COPY of the whole basis", "72730236 45 00 64 00", string.Concat(s_basis.Select(b => b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture))));
    }

    private static IEnumerable<TestCaseData> MalformedDeltas()
    {
        yield return new TestCaseData("empty file", "").SetName("Rejected: empty file");
        yield return new TestCaseData("wrong magic (a signature)", "72730136 00").SetName("Rejected: wrong magic");
        yield return new TestCaseData("reserved opcode 0x55", "72730236 55 00").SetName("Rejected: reserved opcode 0x55");
        yield return new TestCaseData("reserved opcode 0xFF", "72730236 FF 00").SetName("Rejected: reserved opcode 0xFF");
        yield return new TestCaseData("LITERAL_N1 of length 0", "72730236 41 00 00").SetName("Rejected: zero-length literal");
        yield return new TestCaseData("COPY of length 0", "72730236 45 00 00 00").SetName("Rejected: zero-length copy");
        yield return new TestCaseData("COPY past the end of the basis", "72730236 45 60 05 00").SetName("Rejected: copy past the basis");
        yield return new TestCaseData("COPY starting at the end of the basis", "72730236 45 64 01 00").SetName("Rejected: copy at the basis end");
        yield return new TestCaseData("COPY with an 8-byte overflowing position", "72730236 51 FFFFFFFFFFFFFFFF 01 00").SetName("Rejected: copy position overflow");
        yield return new TestCaseData("truncated in a COPY's arguments", "72730236 4D 0000").SetName("Rejected: truncated command");
        yield return new TestCaseData("truncated in a literal", "72730236 05 0102").SetName("Rejected: truncated literal");
        yield return new TestCaseData("missing END", "72730236 02 0102").SetName("Rejected: missing END");
        yield return new TestCaseData("data after END", "72730236 00 00").SetName("Rejected: data after END");
    }

    [TestCaseSource(nameof(ValidDeltas))]
    public void Applies_every_command_form(string delta, string expected)
    {
        using var directory = new TempDirectory();
        string basis = directory.Write("basis", s_basis);
        string deltaPath = directory.Write("delta", DeltaWriterTests.Hex(delta));

        Patcher.PatchFile(basis, deltaPath, directory["out"]);
        ExternalTool.Succeed("rdiff", "patch", basis, deltaPath, directory["rdiff-out"]);

        byte[] wanted = DeltaWriterTests.Hex(expected);
        Assert.That(File.ReadAllBytes(directory["out"]), Is.EqualTo(wanted));
        Assert.That(File.ReadAllBytes(directory["rdiff-out"]), Is.EqualTo(wanted), "rdiff agrees on what the delta means");
    }

    [TestCaseSource(nameof(MalformedDeltas))]
    public void Rejects_a_malformed_delta_and_leaves_nothing_behind(string what, string delta)
    {
        using var directory = new TempDirectory();
        string basis = directory.Write("basis", s_basis);
        string deltaPath = directory.Write("delta", DeltaWriterTests.Hex(delta));
        string output = directory["out"];

        var error = Assert.Throws<CorruptDeltaException>(() => Patcher.PatchFile(basis, deltaPath, output), what);

        Assert.That(error!.Message, Does.StartWith("The delta").And.Not.Contains('\n'));
        Assert.That(File.Exists(output), Is.False, "no output where the result was to go");
        Assert.That(Directory.GetFiles(directory.Path).Select(Path.GetFileName), Is.EquivalentTo(new[] { "basis", "delta" }), "no temporary file left");
        if (what != "data after END")
        {
            // librsync ignores trailing data; everything else it rejects too.
            Assert.That(ExternalTool.Run("rdiff", "patch", basis, deltaPath, directory["rdiff-out"]).ExitCode, Is.Not.Zero, "rdiff also rejects it");
        }
    }

    [Test]
    public void A_failed_patch_keeps_an_existing_output_file()
    {
        using var directory = new TempDirectory();
        string basis = directory.Write("basis", s_basis);
        string deltaPath = directory.Write("delta", DeltaWriterTests.Hex("72730236 45 00 FF 00"));
        string output = directory.Write("out", [42]);

        Assert.Throws<CorruptDeltaException>(() => Patcher.PatchFile(basis, deltaPath, output));

        Assert.That(File.ReadAllBytes(output), Is.EqualTo(new byte[] { 42 }));
    }

    [Test]
    public void Reads_gzip_compressed_deltas_as_increments_store_them()
    {
        using var directory = new TempDirectory();
        string basis = directory.Write("basis", s_basis);
        string deltaPath = directory["delta.gz"];
        using (var file = File.Create(deltaPath))
        using (var gzip = new System.IO.Compression.GZipStream(file, System.IO.Compression.CompressionLevel.Optimal))
        {
            gzip.Write(DeltaWriterTests.Hex("72730236 45 0A 02 01 FF 00"));
        }

        Patcher.PatchFile(basis, deltaPath, directory["out"]);

        Assert.That(File.ReadAllBytes(directory["out"]), Is.EqualTo(new byte[] { 10, 11, 0xFF }));
    }

    private static TestCaseData Case(string name, string delta, string expected) => new TestCaseData(delta, expected).SetName($"Applies: {name}");
}
