using System.Text.RegularExpressions;
using RdiffCli.Tests.Support;

namespace RdiffCli.Tests;

/// <summary>
/// `--tempdir DIR`: a DIR that is not a directory stops every action as rdiff-backup's pre-check
/// does; the files verify, compare and restore rebuild from reverse deltas are made in DIR (seen
/// with strace) and are gone afterwards.
/// </summary>
public sealed partial class TempDirTests
{
    private const string T1 = "1000000000", T2 = "1000001000", T3 = "1000002000";

    [Test]
    public void A_missing_tempdir_or_a_file_is_an_error_for_every_action_as_in_rdiff_backup()
    {
        using var work = new Work();
        File.WriteAllText(Path.Combine(work.Root, "plain"), "");
        foreach (string tempdir in new[] { Path.Combine(work.Root, "missing"), "plain" })
        {
            string[][] actions =
            [
                ["verify", work.Repo], ["compare", work.Source, work.Repo], ["restore", "--at", T1, work.Repo, Path.Combine(work.Root, "out")],
                ["backup", work.Source, work.Repo], ["info"], ["list", "increments", work.Repo],
            ];
            foreach (string[] action in actions)
            {
                string[] command = ["--tempdir", tempdir, .. action];
                Programs.Result ours = Programs.Run(work.Root, Programs.Rdiffsharp, command);
                Programs.Result theirs = Programs.Run(work.Root, "rdiff-backup", command);
                Assert.That(theirs.Error, Does.Contain($"Temporary directory '{tempdir}' doesn't exist."));
                Assert.That((ours.Code, ours.Output), Is.EqualTo((theirs.Code, "")), string.Join(' ', command));
                Assert.That(ours.Error, Is.EqualTo($"rdiffsharp: temporary directory '{tempdir}' doesn't exist or is not a directory ({(tempdir == "plain" ? "ENOTDIR" : "ENOENT")}); create it or give another --tempdir\n"));
            }
        }
        Assert.That(Directory.Exists(Path.Combine(work.Root, "out")), Is.False);
        Assert.That(Programs.Run(work.Root, Programs.Rdiffsharp, "--tempdir", work.Root, "verify", work.Repo).Code, Is.Zero);
    }

    [TestCase("verify", "--at", T1, "REPO")]
    [TestCase("compare", "--method", "full", "--at", T1, "SRC", "REPO")]
    [TestCase("restore", "--at", T1, "REPO", "OUT")]
    public void The_rebuilt_files_go_into_the_tempdir_and_are_removed(params string[] action)
    {
        using var work = new Work();
        string tempdir = Path.Combine(work.Root, "scratch");
        Directory.CreateDirectory(tempdir);
        string log = Path.Combine(work.Root, "strace.log");
        string[] arguments = [.. action.Select(a => a switch { "REPO" => work.Repo, "SRC" => work.Source, "OUT" => Path.Combine(work.Root, "out"), _ => a })];
        Programs.Result run = Programs.Run(work.Root, "strace", ["-f", "-y", "-o", log, "-e", "trace=openat,openat2,mkdirat,mkdir,unlinkat,unlink",
            Programs.Rdiffsharp, "--tempdir", tempdir, .. arguments]);
        Assert.That(run.Code, Is.EqualTo(action[0] == "compare" ? 1 : 0), run.Error);

        // Each file created (O_CREAT) in a directory: the directory as strace -y names it, and the name.
        string[] created = [.. Created().Matches(File.ReadAllText(log)).Select(m => $"{m.Groups[1].Value}/{m.Groups[2].Value}")];
        string[] inTempdir = [.. created.Where(c => c.StartsWith(tempdir + "/rdiffsharp-" + action[0] + "-", StringComparison.Ordinal))];
        // Two diffs back from the mirror: an intermediate version (and for verify and compare the final one) is rebuilt.
        Assert.That(inTempdir, Has.Length.GreaterThanOrEqualTo(1), string.Join('\n', created));
        Assert.That(created.Where(c => c.StartsWith(Path.GetTempPath(), StringComparison.Ordinal) && !c.StartsWith(work.Root, StringComparison.Ordinal)), Is.Empty,
            "nothing in the system's temporary directory");
        Assert.That(Directory.GetFileSystemEntries(tempdir), Is.Empty, "removed afterwards");
        if (action[0] == "restore")
        {
            Assert.That(File.ReadAllText(Path.Combine(work.Root, "out", "f")), Is.EqualTo(Work.Version(1)));
            Assert.That(Directory.GetFiles(Path.Combine(work.Root, "out")), Has.Length.EqualTo(1), "no intermediate file in the target");
        }
    }

    // openat(5</dir>, "name", O_WRONLY|O_CREAT|O_EXCL...) as strace -y prints it.
    [GeneratedRegex(@"openat2?\(\d+<([^>]*)>, ""([^""]+)"", [^\n]*O_CREAT")]
    private static partial Regex Created();

    /// <summary>A file of three versions backed up three times: its first version needs two reverse deltas.</summary>
    private sealed class Work : IDisposable
    {
        public Work()
        {
            Root = Directory.CreateTempSubdirectory("rdiffsharp-tempdir-").FullName;
            Source = Path.Combine(Root, "src");
            Repo = Path.Combine(Root, "repo");
            Directory.CreateDirectory(Source);
            string[] times = [T1, T2, T3];
            for (int i = 0; i < times.Length; i++)
            {
                File.WriteAllText(Path.Combine(Source, "f"), Version(i + 1));
                Programs.Succeed(Root, Programs.Rdiffsharp, "--current-time", times[i], "backup", Source, Repo);
            }
        }

        public string Root { get; }

        public string Source { get; }

        public string Repo { get; }

        public static string Version(int n) => string.Concat(Enumerable.Range(0, 2000).Select(i => $"line {i} of version {(i % 100 == 0 ? n : 0)}\n"));

        public void Dispose() => Directory.Delete(Root, recursive: true);
    }
}
