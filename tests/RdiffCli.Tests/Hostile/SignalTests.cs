using System.Security.Cryptography;
using RdiffCli.Tests.Support;

namespace RdiffCli.Tests.Hostile;

/// <summary>
/// SIGTERM and SIGINT sent with kill to a real rdiffsharp while it writes: one line, exit code 9,
/// and a repository that the next backup (and rdiff-backup's regress) repairs.
/// </summary>
public sealed class SignalTests
{
    private const int Files = 3000;
    private const int FileSize = 48 * 1024;
    private const long FirstTime = 1_000_000_000, SecondTime = 1_000_001_000, ThirdTime = 1_000_002_000;

    private string _root = "";
    private string _source = "";
    private string _repository = "";

    [SetUp]
    public void CreateTree()
    {
        _root = Directory.CreateTempSubdirectory("rdiffsharp-signal-").FullName;
        _source = Path.Combine(_root, "src");
        _repository = Path.Combine(_root, "repo");
        WriteTree(seed: 1);
        Programs.Succeed(_root, Programs.Rdiffsharp, "--current-time", $"{FirstTime}", "backup", _source, _repository);
    }

    [TearDown]
    public void Remove() => Directory.Delete(_root, recursive: true);

    [TestCase("TERM", "SIGTERM")]
    [TestCase("INT", "SIGINT")]
    public void A_signal_stops_a_backup_with_one_line_and_the_next_backup_repairs_the_repository(string signal, string name)
    {
        Dictionary<string, string> first = Hashes(_source);
        WriteTree(seed: 2);

        // The second marker is the session's first write: from then on the repository is in a session.
        Programs.Result stopped = RunAndSignal(signal, () => Directory.GetFiles(Path.Combine(_repository, "rdiff-backup-data"), "current_mirror.*").Length == 2,
            "--current-time", $"{SecondTime}", "backup", _source, _repository);

        TwoBackupRepository.AssertOneLine(stopped, ExitCodes.Stopped);
        Assert.That(stopped.Error, Does.Contain($"interrupted by {name}").And.Contain("interrupted backup").And.Contain($"rdiffsharp regress {_repository}"));
        Assert.That(Programs.Run(_root, Programs.Rdiffsharp, "status", _repository).Code, Is.EqualTo(ExitCodes.Interrupted));

        // rdiff-backup accepts what was left: its regress brings back the first backup.
        string copy = Path.Combine(_root, "copy");
        Programs.Succeed(_root, "cp", "-a", _repository, copy);
        Programs.Result regress = Programs.Run(_root, "rdiff-backup", "--check-destination-dir", copy);
        Assert.That(regress.Code, Is.EqualTo(0).Or.EqualTo(2), regress.Error);
        Programs.Succeed(_root, "rdiff-backup", "restore", "--at", "now", copy, Path.Combine(_root, "by-rdiff-backup"));
        Assert.That(Hashes(Path.Combine(_root, "by-rdiff-backup")), Is.EqualTo(first));

        // Our next backup regresses first (exit 2, rdiff-backup's warning), then backs up.
        Programs.Result again = Programs.Run(_root, Programs.Rdiffsharp, "--current-time", $"{ThirdTime}", "backup", _source, _repository);
        Assert.That(again.Code, Is.EqualTo(ExitCodes.Warning), again.Error);
        Programs.Succeed(_root, Programs.Rdiffsharp, "restore", "--at", $"{FirstTime}", _repository, Path.Combine(_root, "previous"));
        Assert.That(Hashes(Path.Combine(_root, "previous")), Is.EqualTo(first));
        Programs.Succeed(_root, Programs.Rdiffsharp, "restore", "--at", "now", _repository, Path.Combine(_root, "latest"));
        Assert.That(Hashes(Path.Combine(_root, "latest")), Is.EqualTo(Hashes(_source)));
    }

    [Test]
    public void A_signal_stops_a_first_backup_and_the_next_backup_starts_it_over()
    {
        string repository = Path.Combine(_root, "first");

        Programs.Result stopped = RunAndSignal("TERM", () => Directory.Exists(Path.Combine(repository, "d05")),
            "--current-time", $"{SecondTime}", "backup", _source, repository);

        TwoBackupRepository.AssertOneLine(stopped, ExitCodes.Stopped);
        Assert.That(stopped.Error, Does.Contain("interrupted by SIGTERM").And.Contain("the next backup starts it over"));
        Programs.Succeed(_root, Programs.Rdiffsharp, "--current-time", $"{ThirdTime}", "backup", _source, repository);
        Programs.Succeed(_root, Programs.Rdiffsharp, "restore", "--at", "now", repository, Path.Combine(_root, "restored"));
        Assert.That(Hashes(Path.Combine(_root, "restored")), Is.EqualTo(Hashes(_source)));
    }

    [Test]
    public void A_signal_stops_a_restore_with_one_line_and_a_forced_restore_finishes_it()
    {
        string target = Path.Combine(_root, "target");

        Programs.Result stopped = RunAndSignal("TERM", () => Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any(),
            "restore", "--at", "now", _repository, target);

        TwoBackupRepository.AssertOneLine(stopped, ExitCodes.Stopped);
        Assert.That(stopped.Error, Does.Contain("interrupted by SIGTERM").And.Contain($"'{target}' is incomplete").And.Contain("--force"));
        Assert.That(Directory.EnumerateFiles(target, "*", SearchOption.AllDirectories).Count(), Is.LessThan(Files));

        Programs.Result again = Programs.Run(_root, Programs.Rdiffsharp, "restore", "--force", "--at", "now", _repository, target);
        Assert.That(again.Code, Is.EqualTo(ExitCodes.Success).Or.EqualTo(ExitCodes.Warning), again.Error);
        Assert.That(Hashes(target), Is.EqualTo(Hashes(_source)));
    }

    /// <summary>Starts rdiffsharp, waits until <paramref name="started"/> holds, sends the signal with kill(1), and waits for the end.</summary>
    private Programs.Result RunAndSignal(string signal, Func<bool> started, params string[] arguments) =>
        // Through env(1) with SIGINT at its default: a test run started in the background by a shell
        // without job control inherits SIGINT ignored, and a program keeps an ignored SIGINT ignored.
        Programs.Interrupted(_root, started, TimeSpan.FromSeconds(60),
            pid => Programs.Succeed(_root, "kill", "-" + signal, pid.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            "it started writing", "the action stops at its next safe point", "env", ["--default-signal=INT", Programs.Rdiffsharp, .. arguments]);

    private void WriteTree(int seed)
    {
        var random = new Random(seed);
        byte[] data = new byte[FileSize];
        for (int i = 0; i < Files; i++)
        {
            string directory = Path.Combine(_source, $"d{i / 100:D2}");
            Directory.CreateDirectory(directory);
            random.NextBytes(data);
            File.WriteAllBytes(Path.Combine(directory, $"f{i:D4}"), data);
        }
    }

    private static Dictionary<string, string> Hashes(string root) =>
        Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Where(p => !p.Contains("rdiff-backup-data", StringComparison.Ordinal))
            .ToDictionary(p => Path.GetRelativePath(root, p), p => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(p))));
}
