using System.Diagnostics;
using Microsoft.Win32.SafeHandles;
using RdiffCore.Delta;
using RdiffCore.Tests.Support;

namespace RdiffCore.Tests.Delta;

/// <summary>Files larger than 4 GiB, made sparse so that they cost little disk and time.</summary>
public sealed class LargeFileTests
{
    private const long Big = (4L << 30) + (64 << 20);

    [Test]
    public void Copies_from_beyond_4_GiB_are_encoded_with_8_byte_positions()
    {
        using var directory = new TempDirectory();
        var random = new Random(1);
        byte[] head = Mutation.Random(1 << 20, random);
        byte[] far = Mutation.Random(1 << 20, random);
        long farAt = (4L << 30) + 12345; // past 4 GiB, unaligned
        string newPath = Sparse(directory["new"], Big, (0, head), (farAt, far));
        // The old file: the far region (with an edit) before the head region.
        byte[] edited = (byte[])far.Clone();
        random.NextBytes(edited.AsSpan(500_000, 100));
        string oldPath = directory.Write("old", [.. edited, .. head]);

        DeltaStats stats = Reverse(newPath, oldPath, directory["copy"], directory["delta"]);

        Assert.That(new FileInfo(directory["copy"]).Length, Is.EqualTo(Big));
        Assert.That(Commands(directory["delta"]).Any(c => c.Kind == DeltaCommandKind.Copy && c.Position > uint.MaxValue), Is.True);
        Assert.That(stats.LiteralBytes, Is.LessThanOrEqualTo(100));
        Patcher.PatchFile(directory["copy"], directory["delta"], directory["ours"]);
        ExternalTool.Succeed("rdiff", "patch", directory["copy"], directory["delta"], directory["theirs"]);
        Assert.That(File.ReadAllBytes(directory["ours"]), Is.EqualTo(File.ReadAllBytes(oldPath)));
        Assert.That(File.ReadAllBytes(directory["theirs"]), Is.EqualTo(File.ReadAllBytes(oldPath)));
    }

    [Test]
    public void An_old_file_larger_than_4_GiB_is_restored_exactly_and_sparse()
    {
        using var directory = new TempDirectory();
        var random = new Random(2);
        byte[] a = Mutation.Random(70_000, random), b = Mutation.Random(70_000, random);
        string oldPath = Sparse(directory["old"], Big + 3, (100, a), (Big - 70_000, b));
        // The new file: 4 KiB inserted at the start, so every run moves.
        string newPath = Sparse(directory["new"], Big + 3 + 4096, (0, Mutation.Random(4096, random)), (4096 + 100, a), (4096 + Big - 70_000, b));

        Reverse(newPath, oldPath, directory["copy"], directory["delta"]);
        Patcher.PatchFile(directory["copy"], directory["delta"], directory["ours"]);

        Assert.That(Commands(directory["delta"]).Any(c => c.Kind == DeltaCommandKind.Copy && c.Length > uint.MaxValue), Is.True, "a copy longer than 4 GiB");
        Assert.That(SameContent(directory["ours"], oldPath), Is.True);
        Assert.That(new FileInfo(directory["ours"]).Length, Is.EqualTo(Big + 3));
    }

    private static DeltaStats Reverse(string newPath, string oldPath, string copyPath, string deltaPath)
    {
        using var source = new FileStream(newPath, FileMode.Open, FileAccess.Read, FileShare.Read, 0);
        using SafeFileHandle copy = File.OpenHandle(copyPath, FileMode.CreateNew, FileAccess.ReadWrite);
        using SafeFileHandle old = File.OpenHandle(oldPath);
        using var delta = File.Create(deltaPath);
        return ReverseDelta.Write(source, copy, old, delta).Delta;
    }

    private static string Sparse(string path, long length, params (long At, byte[] Data)[] pieces)
    {
        using SafeFileHandle file = File.OpenHandle(path, FileMode.CreateNew, FileAccess.ReadWrite);
        RandomAccess.SetLength(file, length);
        foreach ((long at, byte[] data) in pieces)
        {
            RandomAccess.Write(file, data, at);
        }
        return path;
    }

    private static List<DeltaCommand> Commands(string deltaPath)
    {
        var commands = new List<DeltaCommand>();
        using FileStream file = File.OpenRead(deltaPath);
        var reader = new DeltaReader(file);
        byte[] skip = new byte[65536];
        for (DeltaCommand command = reader.Next(); command.Kind != DeltaCommandKind.End; command = reader.Next())
        {
            commands.Add(command);
            if (command.Kind == DeltaCommandKind.Literal)
            {
                for (long left = command.Length; left > 0;)
                {
                    left -= reader.ReadLiteral(skip);
                }
            }
        }
        return commands;
    }

    private static bool SameContent(string first, string second)
    {
        var clock = Stopwatch.StartNew();
        using SafeFileHandle a = File.OpenHandle(first), b = File.OpenHandle(second);
        long length = RandomAccess.GetLength(a);
        if (length != RandomAccess.GetLength(b))
        {
            return false;
        }
        byte[] x = new byte[4 << 20], y = new byte[4 << 20];
        for (long at = 0; at < length;)
        {
            int n = RandomAccess.Read(a, x, at);
            int m = RandomAccess.Read(b, y.AsSpan(0, n), at);
            if (n == 0 || m != n || !x.AsSpan(0, n).SequenceEqual(y.AsSpan(0, n)))
            {
                return false;
            }
            at += n;
        }
        TestContext.Out.WriteLine($"compared {length} bytes in {clock.Elapsed.TotalSeconds:F1} s");
        return true;
    }
}
