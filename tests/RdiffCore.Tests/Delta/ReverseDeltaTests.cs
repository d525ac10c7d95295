using Microsoft.Win32.SafeHandles;
using RdiffCore.Delta;
using RdiffCore.Tests.Support;

namespace RdiffCore.Tests.Delta;

public sealed class ReverseDeltaTests
{
    private static readonly int[] s_sizes = [0, 1, 2, 63, 64, 65, 255, 256, 1000, 2047, 2048, 2049, 4096, 65535, 65536, 65537, 300_000, 1_500_000];

    private static IEnumerable<TestCaseData> RoundTripCases()
    {
        int seed = 1;
        foreach (MutationKind kind in Enum.GetValues<MutationKind>())
        {
            foreach (int size in s_sizes)
            {
                yield return new TestCaseData(kind, size, seed++, null).SetName($"{kind} of {size} bytes, default blocks");
            }
            // Small blocks and tiny segments: many index hits, and matches crossing segment edges.
            foreach (int size in new[] { 5000, 70_000, 400_000 })
            {
                yield return new TestCaseData(kind, size, seed++, 64).SetName($"{kind} of {size} bytes, 64-byte blocks");
            }
            // Without phase A's diagonal runs: phase B alone finds every match.
            foreach (int size in new[] { 0, 1, 2049, 65537, 1_500_000 })
            {
                yield return new TestCaseData(kind, size, seed++, -1).SetName($"{kind} of {size} bytes, phase B only");
            }
        }
    }

    [TestCaseSource(nameof(RoundTripCases))]
    public void Reverse_delta_turns_the_new_file_back_into_the_old_one(MutationKind kind, int size, int seed, int? blockSize)
    {
        var random = new Random(seed);
        byte[] old = Mutation.Random(size, random);
        byte[] @new = Mutation.Apply(old, kind, random);
        var options = new ReverseDeltaOptions
        {
            BlockSize = blockSize > 0 ? blockSize : null,
            SegmentSize = blockSize > 0 ? 1024 : 2 << 20,
            Workers = 2,
            FollowDiagonal = blockSize != -1,
        };

        RoundTrip(old, @new, options);
    }

    [Test]
    public void A_small_edit_costs_about_its_own_size()
    {
        var random = new Random(5);
        byte[] old = Mutation.Random(4 << 20, random);
        byte[] @new = (byte[])old.Clone();
        // Ten 100-byte overwrites at unaligned offsets, and 300 bytes inserted near the start.
        for (int i = 0; i < 10; i++)
        {
            random.NextBytes(@new.AsSpan(12345 + (i * 400_017), 100));
        }
        @new = [.. @new[..777], .. Mutation.Random(300, random), .. @new[777..]];

        DeltaStats stats = RoundTrip(old, @new, new ReverseDeltaOptions());

        Assert.That(stats.LiteralBytes, Is.LessThanOrEqualTo(1000), "literal bytes: only the overwritten ones");
        Assert.That(stats.DeltaBytes, Is.LessThan(1300));
    }

    [TestCase(true)]
    [TestCase(false)]
    public void Edits_insertions_deletions_and_a_moved_range_in_a_large_file_cost_about_their_size(bool followDiagonal)
    {
        // 8 MiB (copied on two threads): a 100-byte overwrite, a 4 KiB insertion, a 3000-byte
        // deletion, and 64 KiB moved from 6 MiB to 500 KiB, which only phase B's index can find.
        var random = new Random(21);
        byte[] old = Mutation.Random(8 << 20, random);
        byte[] moved = old[(6 << 20)..((6 << 20) + 65536)];
        byte[] edited = (byte[])old.Clone();
        random.NextBytes(edited.AsSpan(1 << 20, 100));
        byte[] @new =
        [
            .. edited[..500_000], .. moved, .. edited[500_000..(2 << 20)], .. Mutation.Random(4096, random),
            .. edited[(2 << 20)..(3 << 20)], .. edited[((3 << 20) + 3000)..(6 << 20)], .. edited[((6 << 20) + 65536)..],
        ];

        DeltaStats stats = RoundTrip(old, @new, new ReverseDeltaOptions { FollowDiagonal = followDiagonal });

        Assert.Multiple(() =>
        {
            Assert.That(stats.LiteralBytes, Is.LessThanOrEqualTo(100 + 3000 + 64), "literals: the overwritten and the deleted bytes");
            Assert.That(stats.CopyBytes, Is.GreaterThanOrEqualTo(old.Length - 3200), "the moved range is a copy too");
        });
    }

    [Test]
    public void Identical_files_give_a_single_copy()
    {
        byte[] data = Mutation.Random(3_000_000, new Random(9));

        DeltaStats stats = RoundTrip(data, data, new ReverseDeltaOptions());

        Assert.Multiple(() =>
        {
            Assert.That(stats.CopyCommands, Is.EqualTo(1));
            Assert.That(stats.LiteralBytes, Is.Zero);
        });
    }

    [Test]
    public void Repeated_blocks_stay_one_copy()
    {
        // An old file of one block repeated; the new file shifts it by a few bytes.
        byte[] block = Mutation.Random(2048, new Random(3));
        byte[] old = [.. Enumerable.Repeat(block, 200).SelectMany(b => b)];
        byte[] @new = [.. new byte[] { 1, 2, 3 }, .. old];

        DeltaStats stats = RoundTrip(old, @new, new ReverseDeltaOptions());

        Assert.That(stats.CopyCommands, Is.EqualTo(1));
    }

    [Test]
    public void A_run_far_from_any_other_match_is_still_found()
    {
        // 3 MiB of unrelated data, then 16 KiB (eight 2 KiB blocks; six are enough far from other
        // matches) that also sits, unaligned, in the new file.
        var random = new Random(11);
        byte[] shared = Mutation.Random(16 * 1024, random);
        byte[] old = [.. Mutation.Random(3 << 20, random), .. shared];
        byte[] @new = [.. Mutation.Random(1_000_001, random), .. shared, .. Mutation.Random(5000, random)];

        DeltaStats stats = RoundTrip(old, @new, new ReverseDeltaOptions());

        Assert.That(stats.CopyBytes, Is.EqualTo(shared.Length));
    }

    [Test]
    public void Zero_runs_and_holes_round_trip_and_the_copy_stays_sparse()
    {
        byte[] old = new byte[8 << 20];
        Mutation.Random(5000, new Random(1)).CopyTo(old, 3 << 20);
        byte[] @new = new byte[9 << 20];
        Mutation.Random(7000, new Random(2)).CopyTo(@new, 1 << 20);

        using var directory = new TempDirectory();
        RoundTrip(old, @new, new ReverseDeltaOptions(), directory);

        long allocated = new FileInfo(directory["copy"]).Length;
        Assert.That(allocated, Is.EqualTo(@new.Length));
        Assert.That(DiskUsage(directory["copy"]), Is.LessThan(1 << 20), "all-zero pieces of the new file are written as holes");
    }

    [Test]
    public void The_destination_must_be_empty()
    {
        using var directory = new TempDirectory();
        string oldPath = directory.Write("old", [1, 2, 3]);
        string copyPath = directory.Write("copy", [9]);
        using var source = new MemoryStream([1, 2]);
        using SafeFileHandle copy = File.OpenHandle(copyPath, FileMode.Open, FileAccess.ReadWrite);
        using SafeFileHandle old = File.OpenHandle(oldPath);

        Assert.Throws<ArgumentException>(() => ReverseDelta.Write(source, copy, old, Stream.Null));
    }

    [Test]
    public void A_source_that_fails_midway_stops_everything_with_its_error()
    {
        using var directory = new TempDirectory();
        string oldPath = directory.Write("old", Mutation.Random(5 << 20, new Random(1)));
        using var source = new FailingStream(new MemoryStream(Mutation.Random(8 << 20, new Random(2))), failAfter: 3 << 20);
        using SafeFileHandle copy = File.OpenHandle(directory["copy"], FileMode.CreateNew, FileAccess.ReadWrite);
        using SafeFileHandle old = File.OpenHandle(oldPath);

        var error = Assert.Throws<IOException>(() => ReverseDelta.Write(source, copy, old, Stream.Null));

        Assert.That(error!.Message, Is.EqualTo("source read failed"));
    }

    [Test]
    public void A_destination_that_cannot_be_written_stops_everything_with_its_error()
    {
        using var directory = new TempDirectory();
        string oldPath = directory.Write("old", Mutation.Random(1 << 20, new Random(1)));
        string readOnlyCopy = directory.Write("copy", []);
        using var source = new MemoryStream(Mutation.Random(4 << 20, new Random(2)));
        using SafeFileHandle copy = File.OpenHandle(readOnlyCopy, FileMode.Open, FileAccess.Read);
        using SafeFileHandle old = File.OpenHandle(oldPath);

        Assert.Catch<Exception>(() => ReverseDelta.Write(source, copy, old, Stream.Null));
    }

    private sealed class FailingStream(Stream inner, long failAfter) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (inner.Position >= failAfter)
            {
                throw new IOException("source read failed");
            }
            return inner.Read(buffer, offset, count);
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    internal static DeltaStats RoundTrip(byte[] old, byte[] @new, ReverseDeltaOptions options, TempDirectory? into = null)
    {
        using var owned = into is null ? new TempDirectory() : null;
        TempDirectory directory = into ?? owned!;
        string oldPath = directory.Write("old", old);
        string copyPath = directory["copy"];
        string deltaPath = directory["delta"];
        ReverseDeltaResult result;
        using (var source = new MemoryStream(@new))
        using (SafeFileHandle copy = File.OpenHandle(copyPath, FileMode.CreateNew, FileAccess.ReadWrite))
        using (SafeFileHandle oldHandle = File.OpenHandle(oldPath))
        using (var delta = new FileStream(deltaPath, FileMode.CreateNew))
        {
            result = ReverseDelta.Write(source, copy, oldHandle, delta, options);
        }

        Assert.That(File.ReadAllBytes(copyPath), Is.EqualTo(@new), "the copy of the new data");
        Assert.That(result.Delta.OutputBytes, Is.EqualTo(old.Length));
        Patcher.PatchFile(copyPath, deltaPath, directory["ours"]);
        Assert.That(File.ReadAllBytes(directory["ours"]), Is.EqualTo(old), "our patch of our delta");
        ExternalTool.Succeed("rdiff", "patch", copyPath, deltaPath, directory["theirs"]);
        Assert.That(File.ReadAllBytes(directory["theirs"]), Is.EqualTo(old), "rdiff patch of our delta");
        return result.Delta;
    }

    private static long DiskUsage(string path)
    {
        string[] parts = ExternalTool.Succeed("stat", "-c", "%b %B", path).Text.Trim().Split(' ');
        return long.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture) * long.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture);
    }
}
