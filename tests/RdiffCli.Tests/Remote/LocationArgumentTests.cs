using RdiffCli.Tests.Support;

namespace RdiffCli.Tests.Remote;

/// <summary>
/// Locations on the command line are split as rdiff-backup splits them: HOST::PATH is reached over
/// ssh and never becomes a local directory of that name, and an escaped "\::" is a local name holding "::".
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class LocationArgumentTests
{
    [TestCase("backup", "src", "backuphost::nightly")]
    [TestCase("backup", "backuphost::/etc", "repo")]
    [TestCase("restore", "--at", "now", "backuphost::nightly", "out")]
    [TestCase("list", "increments", "backuphost::nightly")]
    [TestCase("verify", "backuphost::nightly")]
    public void A_location_on_another_machine_is_reached_over_ssh_never_made_a_local_directory(params string[] arguments)
    {
        using var temp = new ScratchTree();
        temp.File("src/f", "eff");
        string before = temp.Snapshot(".");

        Programs.Result result = Programs.Run(temp.Root, Programs.Rdiffsharp, arguments);

        Assert.That(result.Code, Is.EqualTo(ExitCodes.Fatal), result.Error);
        Assert.That(result.Error, Does.Contain("rdiffsharp: 'ssh backuphost rdiffsharp server' ended without answering").And.Not.Contain("   at "));
        Assert.That(temp.Snapshot("."), Is.EqualTo(before), "nothing was created");
    }

    [Test]
    public void An_escaped_double_colon_is_a_local_name()
    {
        using var temp = new ScratchTree();
        temp.File("src/f", "eff");

        Programs.Succeed(temp.Root, Programs.Rdiffsharp, "backup", "src", @"a\::b");

        Assert.That(File.ReadAllText(temp.Path("a::b/f")), Is.EqualTo("eff"));
        Programs.Succeed(temp.Root, Programs.Rdiffsharp, "restore", "--at", "now", @"a\::b", "out");
        Assert.That(File.ReadAllText(temp.Path("out/f")), Is.EqualTo("eff"));
    }

    [Test]
    public void Two_separators_are_a_usage_error()
    {
        using var temp = new ScratchTree();
        temp.File("src/f", "eff");

        Programs.Result result = Programs.Run(temp.Root, Programs.Rdiffsharp, "backup", "src", "a::b::c");

        Assert.That(result.Code, Is.EqualTo(ExitCodes.Usage), result.Error);
        Assert.That(result.Error, Does.Contain("too many parts"));
        Assert.That(Directory.Exists(temp.Path("a::b::c")), Is.False);
    }
}
