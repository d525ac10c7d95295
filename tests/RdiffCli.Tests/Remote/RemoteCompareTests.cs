using RdiffCli.Tests.Support;

namespace RdiffCli.Tests.Remote;

/// <summary>
/// compare with the repository or the source on the far side of a real sshd: the differences,
/// warnings and exit code are those of the same compare run locally.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class RemoteCompareTests
{
    private SshServer _ssh = null!;
    private ScratchTree _temp = null!;
    private string _key = null!;

    [OneTimeSetUp]
    public void StartSshd()
    {
        _ssh = SshServer.Start();
        _key = _ssh.AddKey();
    }

    [OneTimeTearDown]
    public void StopSshd() => _ssh.Dispose();

    [SetUp]
    public void MakeTree()
    {
        _temp = new ScratchTree();
        _temp.File("src/same", "same");
        _temp.File("src/edited", "before");
        _temp.File("src/gone", "gone");
        _temp.File("src/d/deep", "deep");
        Programs.Succeed(_temp.Root, Programs.Rdiffsharp, "--current-time", "1700000000", _temp.Path("src"), _temp.Path("repo"));
        _temp.File("src/edited", "after!");
        File.SetLastWriteTimeUtc(_temp.Path("src/edited"), File.GetLastWriteTimeUtc(_temp.Path("src/same")));
        File.Delete(_temp.Path("src/gone"));
        _temp.File("src/new", "new");
    }

    [TearDown]
    public void RemoveTree() => _temp.Dispose();

    private static readonly string[][] Variants =
    [
        [], ["--method", "hash"], ["--method", "full"], ["--at", "1700000000"], ["--exclude", "**/new"], ["--api-version", "201"],
        ["--api-version", "201", "--parsable-output"], ["--compare-hash"],
    ];

    [TestCaseSource(nameof(Variants))]
    public void A_remote_compare_says_what_a_local_one_says(string[] options)
    {
        string src = _temp.Path("src"), repo = _temp.Path("repo");
        Programs.Result local = Programs.Run(_temp.Root, Programs.Rdiffsharp, [.. Action(options), src, repo]);
        Assert.That(local.Output, Does.Contain("deleted"), "there are differences to find");

        foreach ((string from, string to) in new[] { (src, $"{SshServer.Host}::{repo}"), ($"{SshServer.Host}::{src}", repo) })
        {
            Programs.Result remote = Programs.Run(_temp.Root, Programs.Rdiffsharp,
                [.. Action(options), "--remote-schema", _ssh.Schema(_key, Programs.Rdiffsharp), from, to]);
            Assert.That((remote.Code, remote.Output, remote.Error), Is.EqualTo((local.Code, local.Output, local.Error)), $"{from} {to}");
        }
    }

    [Test]
    public void An_update_only_server_compares_nothing()
    {
        string key = _ssh.AddKey(forcedCommand: $"env TZ=UTC DOTNET_ROOT={SshServer.DotnetRoot} {Programs.Rdiffsharp} server --restrict-path {_temp.Root} --restrict-mode update-only");

        foreach ((string from, string to) in new[] { (_temp.Path("src"), $"{SshServer.Host}::{_temp.Path("repo")}"), ($"{SshServer.Host}::{_temp.Path("src")}", _temp.Path("repo")) })
        {
            Programs.Result result = Programs.Run(_temp.Root, Programs.Rdiffsharp, "compare", "--remote-schema", _ssh.Schema(key, Programs.Rdiffsharp), from, to);
            Assert.That(result.Code, Is.EqualTo(ExitCodes.Fatal), result.Error);
            Assert.That(result.Error, Does.Contain("this server is update-only"));
            Assert.That(result.Output, Is.Empty);
        }
    }

    private static string[] Action(string[] options) => options.Any(o => o.StartsWith("--compare", StringComparison.Ordinal)) ? options : ["compare", .. options];
}
