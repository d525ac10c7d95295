using RdiffCli.Tests.Support;

namespace RdiffCli.Tests.Remote;

/// <summary>
/// compare with the repository or the source on the far side of a real sshd: the differences,
/// warnings and exit code are those of the same compare run locally.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class RemoteCompareTests : SshFixture
{

    [SetUp]
    public void MakeRepository()
    {
        Temp.File("src/same", "same");
        Temp.File("src/edited", "before");
        Temp.File("src/gone", "gone");
        Temp.File("src/d/deep", "deep");
        Programs.Succeed(Temp.Root, Programs.Rdiffsharp, "--current-time", "1700000000", Temp.Path("src"), Temp.Path("repo"));
        Temp.File("src/edited", "after!");
        File.SetLastWriteTimeUtc(Temp.Path("src/edited"), File.GetLastWriteTimeUtc(Temp.Path("src/same")));
        File.Delete(Temp.Path("src/gone"));
        Temp.File("src/new", "new");
    }

    private static readonly string[][] Variants =
    [
        [], ["--method", "hash"], ["--method", "full"], ["--at", "1700000000"], ["--exclude", "**/new"], ["--api-version", "201"],
        ["--api-version", "201", "--parsable-output"], ["--compare-hash"],
    ];

    [TestCaseSource(nameof(Variants))]
    public void A_remote_compare_says_what_a_local_one_says(string[] options)
    {
        string src = Temp.Path("src"), repo = Temp.Path("repo");
        Programs.Result local = Programs.Run(Temp.Root, Programs.Rdiffsharp, [.. Action(options), src, repo]);
        Assert.That(local.Output, Does.Contain("deleted"), "there are differences to find");

        foreach ((string from, string to) in new[] { (src, $"{SshServer.Host}::{repo}"), ($"{SshServer.Host}::{src}", repo) })
        {
            Programs.Result remote = Programs.Run(Temp.Root, Programs.Rdiffsharp,
                [.. Action(options), "--remote-schema", Ssh.Schema(Key, Programs.Rdiffsharp), from, to]);
            Assert.That((remote.Code, remote.Output, remote.Error), Is.EqualTo((local.Code, local.Output, local.Error)), $"{from} {to}");
        }
    }

    [Test]
    public void An_update_only_server_compares_nothing()
    {
        string key = Ssh.AddKey(forcedCommand: $"env TZ=UTC DOTNET_ROOT={SshServer.DotnetRoot} {Programs.Rdiffsharp} server --restrict-path {Temp.Root} --restrict-mode update-only");

        foreach ((string from, string to) in new[] { (Temp.Path("src"), $"{SshServer.Host}::{Temp.Path("repo")}"), ($"{SshServer.Host}::{Temp.Path("src")}", Temp.Path("repo")) })
        {
            Programs.Result result = Programs.Run(Temp.Root, Programs.Rdiffsharp, "compare", "--remote-schema", Ssh.Schema(key, Programs.Rdiffsharp), from, to);
            Assert.That(result.Code, Is.EqualTo(ExitCodes.Fatal), result.Error);
            Assert.That(result.Error, Does.Contain("this server is update-only"));
            Assert.That(result.Output, Is.Empty);
        }
    }

    private static string[] Action(string[] options) => options.Any(o => o.StartsWith("--compare", StringComparison.Ordinal)) ? options : ["compare", .. options];
}
