using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using RdiffCli.Tests.Support;

namespace RdiffCli.Tests.Remote;

/// <summary>
/// The connection dropped in the middle of a backup or a restore over a real sshd: the ssh client or
/// the far side's rdiffsharp is killed at a chosen moment. The client ends with one line and exit
/// code 1; the repository is left regressable and the next backup repairs it first; no lock stays;
/// a restore leaves no partial file under a final name.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class ConnectionFaultTests : SshFixture
{
    private const int Files = 1500;
    private const int FileSize = 64 * 1024;
    private const long FirstTime = 1_000_000_000, SecondTime = 1_000_001_000, ThirdTime = 1_000_002_000;
    private string _token = "";

    [SetUp]
    public void MakeSource()
    {
        _token = $"RDIFFSHARP_FAULT_{Guid.NewGuid():N}";
        WriteTree(seed: 1);
    }

    public enum Victim
    {
        SshClient,
        Server,
    }

    [TestCase(Victim.SshClient, 0.05)]
    [TestCase(Victim.SshClient, 0.5)]
    [TestCase(Victim.Server, 0.05)]
    [TestCase(Victim.Server, 0.5)]
    public void A_push_cut_off_leaves_a_repository_the_next_push_repairs(Victim victim, double progress)
    {
        string repo = Temp.Path("repo");
        Assert.That(Backup(Temp.Path("src"), Remote(repo), FirstTime).Code, Is.Zero);
        Dictionary<string, string> first = Hashes(Temp.Path("src"));
        WriteTree(seed: 2);

        Programs.Result cut = RunAndCut(victim, () => Written(repo) >= progress, "--current-time", $"{SecondTime}", Temp.Path("src"), Remote(repo));

        AssertOneLine(cut);
        Programs.Result again = Retry(() => Backup(Temp.Path("src"), Remote(repo), ThirdTime));
        Assert.That(again.Code, Is.EqualTo(ExitCodes.Warning).Or.Zero, again.Error);
        AssertRestores(repo, FirstTime, first);
        AssertRestores(repo, ThirdTime, Hashes(Temp.Path("src")));
        Programs.Succeed(Temp.Root, "rdiff-backup", "verify", repo);
    }

    [TestCase(Victim.SshClient, 0.05)]
    [TestCase(Victim.Server, 0.5)]
    public void A_pull_cut_off_leaves_a_repository_the_next_pull_repairs(Victim victim, double progress)
    {
        string repo = Temp.Path("repo");
        Assert.That(Backup(Remote(Temp.Path("src")), repo, FirstTime).Code, Is.Zero);
        Dictionary<string, string> first = Hashes(Temp.Path("src"));
        WriteTree(seed: 2);

        Programs.Result cut = RunAndCut(victim, () => Written(repo) >= progress, "--current-time", $"{SecondTime}", Remote(Temp.Path("src")), repo);

        AssertOneLine(cut);
        Assert.That(cut.Error, Does.Contain("interrupted backup"));
        Programs.Result again = Backup(Remote(Temp.Path("src")), repo, ThirdTime);
        Assert.That(again.Code, Is.EqualTo(ExitCodes.Warning), again.Error);
        AssertRestores(repo, FirstTime, first);
        AssertRestores(repo, ThirdTime, Hashes(Temp.Path("src")));
    }

    [TestCase(Victim.SshClient)]
    [TestCase(Victim.Server)]
    public void A_restore_cut_off_leaves_no_partial_file(Victim victim)
    {
        string repo = Temp.Path("repo");
        Programs.Succeed(Temp.Root, Programs.Rdiffsharp, "--current-time", $"{FirstTime}", Temp.Path("src"), repo);
        Dictionary<string, string> source = Hashes(Temp.Path("src"));
        string target = Temp.Path("target");

        Programs.Result cut = RunAndCut(victim, () => Directory.Exists(target) && Directory.EnumerateFiles(target, "*", SearchOption.AllDirectories).Count() > Files / 3,
            "-r", "now", Remote(repo), target);

        AssertOneLine(cut);
        foreach ((string path, string hash) in Hashes(target))
        {
            Assert.That(hash, Is.EqualTo(source[path]), $"'{path}' is whole or absent");
        }
    }

    private Programs.Result Backup(string from, string to, long time) =>
        Programs.Run(Temp.Root, Programs.Rdiffsharp, "--remote-schema", Schema(), "--current-time", $"{time}", from, to);

    // A lock a dying server still holds goes with it: the next push may have to wait for that.
    private static Programs.Result Retry(Func<Programs.Result> run)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            Programs.Result result = run();
            if (!(result.Error.Contains("still running", StringComparison.Ordinal) || result.Error.Contains("in use", StringComparison.Ordinal))
                || clock.Elapsed > TimeSpan.FromSeconds(30))
            {
                return result;
            }
            Thread.Sleep(500);
        }
    }

    private void AssertRestores(string repo, long time, Dictionary<string, string> expected)
    {
        string target = Temp.Path($"restored-{time}-{Guid.NewGuid():N}");
        Programs.Succeed(Temp.Root, Programs.Rdiffsharp, "restore", "--at", $"{time}", repo, target);
        Assert.That(Hashes(target), Is.EqualTo(expected), $"the backup of {time}");
    }

    private static void AssertOneLine(Programs.Result result)
    {
        Assert.That(result.Code, Is.EqualTo(ExitCodes.Fatal), result.Error);
        string[] lines = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines.Where(l => l.StartsWith("rdiffsharp: ", StringComparison.Ordinal)).ToList(), Has.Count.EqualTo(1), result.Error);
        Assert.That(result.Error, Does.Contain("connection").And.Not.Contain("   at "));
    }

    /// <summary>The share of the source's files the repository's mirror holds in their new version, or has written as increments.</summary>
    private static double Written(string repo)
    {
        string increments = Path.Combine(repo, "rdiff-backup-data", "increments");
        int count = Directory.Exists(increments) ? Directory.EnumerateFiles(increments, "*.diff*", SearchOption.AllDirectories).Count() : 0;
        return (double)count / Files;
    }

    private static string Remote(string path) => $"{SshServer.Host}::{path}";

    // The token marks this test's processes: the ssh client by its command line, the far side's rdiffsharp by its environment.
    private string Schema() => $"{Ssh.Ssh(Key)} {{h}} env {_token}=1 TZ=UTC DOTNET_ROOT={SshServer.DotnetRoot} {Programs.Rdiffsharp} server";

    private Programs.Result RunAndCut(Victim victim, Func<bool> moment, params string[] arguments) =>
        Programs.Interrupted(Temp.Root, moment, TimeSpan.FromSeconds(120), _ =>
        {
            foreach (int pid in Victims(victim))
            {
                Programs.Run(Temp.Root, "kill", "-KILL", pid.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
        }, "the moment to cut it", "the client notices the cut", Programs.Rdiffsharp, ["--remote-schema", Schema(), .. arguments]);

    private IEnumerable<int> Victims(Victim victim)
    {
        foreach (string directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out int pid))
            {
                continue;
            }
            string cmdline, environ;
            try
            {
                cmdline = Encoding.Latin1.GetString(File.ReadAllBytes(Path.Combine(directory, "cmdline"))).Replace('\0', ' ');
                environ = Encoding.Latin1.GetString(File.ReadAllBytes(Path.Combine(directory, "environ")));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue;
            }
            bool match = victim == Victim.SshClient
                ? cmdline.StartsWith("ssh ", StringComparison.Ordinal) && cmdline.Contains(_token, StringComparison.Ordinal)
                : environ.Contains(_token + "=1", StringComparison.Ordinal) && cmdline.Contains(" server", StringComparison.Ordinal);
            if (match)
            {
                yield return pid;
            }
        }
    }

    private void WriteTree(int seed)
    {
        var random = new Random(seed);
        byte[] data = new byte[FileSize];
        for (int i = 0; i < Files; i++)
        {
            string directory = Temp.Path($"src/d{i / 100:D2}");
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
