using RdiffCli.Tests.Support;

namespace RdiffCli.Tests;

/// <summary>`rdiffsharp info` prints rdiff-backup 2.2's layout, with our name and versions.</summary>
public sealed class InfoCommandTests
{
    [Test]
    public void Info_has_rdiff_backups_keys_in_its_order()
    {
        Programs.Result ours = Programs.Run(Path.GetTempPath(), Programs.Rdiffsharp, "info");
        Programs.Result theirs = Programs.Run(Path.GetTempPath(), "rdiff-backup", "info");
        Assert.That(ours.Code, Is.Zero, ours.Error);
        Assert.That(Keys(ours.Output), Is.EqualTo(Keys(theirs.Output).Select(k => k == "python:" ? "runtime:" : k)),
            "the same YAML keys; rdiff-backup's python section is our runtime's");
        Assert.That(ours.Output, Does.Contain("  version: " + Programs.Run(Path.GetTempPath(), Programs.Rdiffsharp, "--version").Output.Split(' ')[1].Trim()));
        Assert.That(ours.Output, Does.Contain("\n  - info\n"));
    }

    // "key:" lines and the document markers, without values: those differ (paths, versions).
    private static List<string> Keys(string yaml) =>
        [.. yaml.Split('\n').Where(l => l.TrimEnd().EndsWith(':') || l is "---" or "..." || l.Contains(": ", StringComparison.Ordinal))
            .Select(l => l.Contains(": ", StringComparison.Ordinal) ? l[..(l.IndexOf(": ", StringComparison.Ordinal) + 1)] : l.TrimEnd())];
}
