using RdiffCli.Tests.Support;

namespace RdiffCli.Tests;

/// <summary>
/// `verify` through the built executable next to rdiff-backup 2.2.2 on the same repositories,
/// written by each tool, clean and with real damage (flipped bytes, truncated and deleted files).
/// </summary>
public sealed class VerifyCommandTests
{
    private const string T1 = "1000000000", T2 = "1000001000", T3 = "1000002000";
    private const string T1Name = "2001-09-09T01:46:40Z", T2Name = "2001-09-09T02:03:20Z";

    [TestCase("rdiff-backup")]
    [TestCase("rdiffsharp")]
    public void A_sound_repository_verifies_as_rdiff_backup_verifies_it(string writer)
    {
        using var work = new Work(writer);
        foreach (string at in new[] { "now", T1, T2, "1B" })
        {
            foreach (string location in new[] { work.Repo, Path.Combine(work.Repo, "dir") })
            {
                Programs.Result ours = Programs.Run(work.Root, Programs.Rdiffsharp, "-v5", "verify", "--at", at, location);
                Programs.Result theirs = Programs.Run(work.Root, "rdiff-backup", "-v5", "verify", "--at", at, location);
                Assert.That(ours.Code, Is.Zero, ours.Error);
                Assert.That(theirs.Code, Is.Zero, theirs.Error);
                Assert.That(Reported(ours.Output), Is.EqualTo(Reported(theirs.Output)), $"verify --at {at} {location}");
                Assert.That(Reported(ours.Output), Has.Some.StartsWith("* Verified SHA1 digest of file "));
            }
        }
        Programs.Result old = Programs.Run(work.Root, Programs.Rdiffsharp, "--verify-at-time", T1, work.Repo);
        Assert.That((old.Code, old.Output), Is.EqualTo((0, "NOTE: All files verified successfully\n")));
    }

    [TestCase("rdiff-backup")]
    [TestCase("rdiffsharp")]
    public void A_flipped_byte_in_a_mirror_file_is_named_as_rdiff_backup_names_it(string writer)
    {
        using var work = new Work(writer);
        Flip(Path.Combine(work.Repo, "dir", "big"), 5000);
        Programs.Result ours = Programs.Run(work.Root, Programs.Rdiffsharp, "verify", work.Repo);
        Programs.Result theirs = Programs.Run(work.Root, "rdiff-backup", "verify", work.Repo);
        Assert.That(theirs.Code, Is.EqualTo(ExitCodes.Warning));
        Assert.That((ours.Code, ours.Output, ours.Error), Is.EqualTo((theirs.Code, theirs.Output, theirs.Error)));
        Assert.That(ours.Error, Does.Contain("Computed SHA1 digest of file dir/big '"));
    }

    [TestCase("rdiff-backup")]
    [TestCase("rdiffsharp")]
    public void Every_damaged_increment_is_named_and_the_others_verify(string writer)
    {
        using var work = new Work(writer);
        string increments = Path.Combine(work.Repo, "rdiff-backup-data", "increments");
        // A truncated delta, a flipped byte in another, and a deleted snapshot: three damaged files at T1.
        string truncated = Path.Combine(increments, "dir", $"big.{T1Name}.diff.gz");
        File.WriteAllBytes(truncated, File.ReadAllBytes(truncated)[..30]);
        string flipped = Path.Combine(increments, "dir", $"other.{T1Name}.diff.gz");
        Flip(flipped, new FileInfo(flipped).Length - 8);
        File.Delete(Path.Combine(increments, $"gone.{T2Name}.snapshot.gz"));

        Programs.Result ours = Programs.Run(work.Root, Programs.Rdiffsharp, "-v5", "verify", "--at", T1, work.Repo);
        Assert.That(ours.Code, Is.EqualTo(ExitCodes.Warning), ours.Error);
        Assert.That(ours.Error, Does.Not.Contain("\n   at "), "no stack trace");
        string[] bad = [.. Lines(ours.Error).Where(line => line.StartsWith("WARNING: Could not rebuild file ", StringComparison.Ordinal))];
        Assert.That(bad, Has.Length.EqualTo(3), ours.Error);
        Assert.That(bad[0], Does.StartWith("WARNING: Could not rebuild file dir/big: "));
        Assert.That(bad[1], Does.StartWith("WARNING: Could not rebuild file dir/other: "));
        Assert.That(bad[2], Does.StartWith("WARNING: Could not rebuild file gone: "));
        Assert.That(ours.Error, Does.Contain("ERROR: Verification found 3 potentially corrupted files"));
        Assert.That(ours.Output, Does.Contain("* Verified SHA1 digest of file dir/same"));
        Assert.That(ours.Output, Does.Contain("* Verified SHA1 digest of file linked"));

        // The latest session needs none of them.
        Programs.Result latest = Programs.Run(work.Root, Programs.Rdiffsharp, "verify", work.Repo);
        Assert.That((latest.Code, latest.Output), Is.EqualTo((0, "NOTE: All files verified successfully\n")), latest.Error);
    }

    [TestCase("rdiff-backup")]
    [TestCase("rdiffsharp")]
    public void Damaged_metadata_is_reported_without_a_stack_trace(string writer)
    {
        using var work = new Work(writer);
        string metadata = Directory.GetFiles(Path.Combine(work.Repo, "rdiff-backup-data"), "mirror_metadata.*.snapshot.gz").Single();
        Flip(metadata, new FileInfo(metadata).Length / 2);
        Programs.Result ours = Programs.Run(work.Root, Programs.Rdiffsharp, "verify", work.Repo);
        Assert.That(ours.Code, Is.Not.Zero);
        Assert.That(ours.Error, Does.Not.Contain("\n   at "), "no stack trace");
        Assert.That(ours.Error, Does.Contain("mirror_metadata"));
    }

    private static void Flip(string file, long offset)
    {
        using FileStream stream = File.Open(file, FileMode.Open, FileAccess.ReadWrite);
        stream.Position = offset;
        int value = stream.ReadByte();
        stream.Position = offset;
        stream.WriteByte((byte)(value ^ 0x5A));
    }

    // rdiff-backup's -v5 also describes the file system; the verify's own lines are compared.
    private static string[] Reported(string text) =>
        [.. Lines(text).Where(line => line.StartsWith("* Verified ", StringComparison.Ordinal) || line.StartsWith("NOTE: ", StringComparison.Ordinal))];

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Three sessions by one tool: changed files with real deltas, a hard link, a deleted file.</summary>
    private sealed class Work : IDisposable
    {
        public Work(string writer)
        {
            Root = Directory.CreateTempSubdirectory("rdiffsharp-verify-").FullName;
            string src = Path.Combine(Root, "src");
            Repo = Path.Combine(Root, "repo");
            Directory.CreateDirectory(Path.Combine(src, "dir"));
            var random = new Random(7);
            byte[] big = new byte[200_000];
            random.NextBytes(big);
            File.WriteAllBytes(Path.Combine(src, "dir", "big"), big);
            File.WriteAllText(Path.Combine(src, "dir", "other"), new string('o', 5000));
            File.WriteAllText(Path.Combine(src, "dir", "same"), "unchanged");
            File.WriteAllText(Path.Combine(src, "gone"), new string('g', 3000));
            File.WriteAllText(Path.Combine(src, "linked"), "shared");
            File.CreateSymbolicLink(Path.Combine(src, "link"), "linked");
            Backup(writer, src, T1);
            big[100] ^= 1;
            big[150_000] ^= 1;
            File.WriteAllBytes(Path.Combine(src, "dir", "big"), big);
            File.WriteAllText(Path.Combine(src, "dir", "other"), new string('o', 4000) + "changed" + new string('o', 1000));
            File.CreateSymbolicLink(Path.Combine(src, "dir", "x"), "../linked");
            Programs.Succeed(Root, "ln", Path.Combine(src, "linked"), Path.Combine(src, "dir", "hard"));
            Backup(writer, src, T2);
            File.Delete(Path.Combine(src, "gone"));
            File.AppendAllText(Path.Combine(src, "dir", "other"), "more");
            Backup(writer, src, T3);
        }

        public string Root { get; }

        public string Repo { get; }

        public void Dispose() => Directory.Delete(Root, recursive: true);

        // Every file gets an mtime of its own session's era: a rewrite in the second of the last backup would go unseen.
        private void Backup(string writer, string src, string time)
        {
            foreach (string file in Directory.EnumerateFiles(src, "*", SearchOption.AllDirectories).Where(f => new FileInfo(f).LinkTarget is null))
            {
                if (File.GetLastWriteTimeUtc(file) > DateTime.UtcNow.AddMinutes(-1))
                {
                    File.SetLastWriteTimeUtc(file, DateTime.UnixEpoch.AddSeconds(long.Parse(time, System.Globalization.CultureInfo.InvariantCulture) - 500));
                }
            }
            Programs.Succeed(Root, writer == "rdiffsharp" ? Programs.Rdiffsharp : writer, "--current-time", time, "backup", src, Repo);
        }
    }
}
