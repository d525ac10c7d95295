using System.Diagnostics;
using RdiffCli.Tests.Support;

namespace RdiffCli.Tests.History;

/// <summary>
/// Regress next to rdiff-backup 2.2.2 on an interrupted repository: a live process named in
/// either current_mirror marker stops it (and the backup that would regress first), and a mirror
/// file whose owner may not read it is given u+r and regressed, as an ordinary user and as root.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class RegressGuardTests
{
    private const long T0 = 1_700_000_000, T1 = 1_700_001_000, T2 = 1_700_002_000;
    private const string T0Name = "2023-11-14T22:13:20Z", T1Name = "2023-11-14T22:30:00Z";

    private string _root = "";

    [SetUp]
    public void Create() => _root = Directory.CreateTempSubdirectory("rdiffsharp-regress-guard-").FullName;

    [TearDown]
    public void Delete() => Directory.Delete(_root, recursive: true);

    // rdiff-backup reads the pid from any line that starts "PID" (any case), spaces or none before it.
    [TestCase(T0Name, "PID {0}\n")]
    [TestCase(T0Name, "host\npid\t{0}\n")]
    [TestCase(T1Name, "PID {0}\n")]
    public void A_live_process_named_in_either_marker_stops_regress_and_backup(string markerTime, string content)
    {
        Interrupted(Programs.Run);
        using Process live = Process.Start("sleep", "120");
        try
        {
            string marker = Programs.DataFile(Path.Combine(_root, "repo"), $"current_mirror.{markerTime}");
            File.WriteAllText(marker, string.Format(System.Globalization.CultureInfo.InvariantCulture, content, live.Id));
            foreach (string copy in new[] { "ours", "theirs", "backup" })
            {
                Programs.Succeed(_root, "cp", "-a", "repo", copy);
            }
            List<string> before = Names("repo");

            Programs.Result ours = Programs.Run(_root, Programs.Rdiffsharp, "regress", "ours");
            Programs.Result theirs = Programs.Run(_root, "rdiff-backup", "regress", "theirs");
            Assert.That(ours.Code, Is.EqualTo(theirs.Code).And.EqualTo(1), ours.Error);
            Assert.That(theirs.Error, Does.Contain($"id {live.Id} is still running"));
            Assert.That(ours.Error, Does.StartWith($"rdiffsharp: process {live.Id}, named in ").And.Contain($"current_mirror.{markerTime}.data").And.Contain("--force"));
            Assert.That(ours.Error.TrimEnd().Split('\n'), Has.Length.EqualTo(1));
            Assert.That(Names("ours"), Is.EqualTo(before));

            Programs.Result backup = Programs.Run(_root, Programs.Rdiffsharp, "--current-time", $"{T2}", "backup", "src", "backup");
            Assert.That(backup.Code, Is.EqualTo(1), backup.Error);
            Assert.That(backup.Error, Does.Contain($"process {live.Id}"));
            Assert.That(Names("backup"), Is.EqualTo(before));

            Programs.Result forced = Programs.Run(_root, Programs.Rdiffsharp, "regress", "--force", "ours");
            Assert.That(forced.Code, Is.EqualTo(2), forced.Error);
            Assert.That(Programs.Run(_root, "rdiff-backup", "verify", "ours").Code, Is.Zero);
        }
        finally
        {
            live.Kill();
        }
    }

    [TestCase(true)]
    [TestCase(false)]
    public void A_mirror_file_its_owner_may_not_read_is_regressed(bool asNobody)
    {
        Programs.RequireRoot();
        Func<string, string, string[], Programs.Result> run = asNobody ? Programs.AsNobody : Programs.Run;
        Interrupted(run);
        // "same" is as the good session left it, "changed" needs the increment applied to the mirror's data.
        Programs.Succeed(_root, "chmod", "000", Path.Combine(_root, "repo", "same"), Path.Combine(_root, "repo", "changed"));
        Programs.Succeed(_root, "cp", "-a", "repo", "ours");
        Programs.Succeed(_root, "cp", "-a", "repo", "theirs");

        Programs.Result ours = run(_root, Programs.Rdiffsharp, ["regress", "ours"]);
        Programs.Result theirs = run(_root, "rdiff-backup", ["regress", "theirs"]);
        Assert.That(ours.Code, Is.EqualTo(theirs.Code).And.EqualTo(2), ours.Error);
        Assert.That(ours.Error, Does.Not.Contain("could not regress"));
        Assert.That(TreeListing.Of(Path.Combine(_root, "ours")), Is.EqualTo(TreeListing.Of(Path.Combine(_root, "theirs"))));
        Assert.That(File.ReadAllText(Path.Combine(_root, "ours", "changed")), Is.EqualTo("old\n"));
        Assert.That(run(_root, "rdiff-backup", ["verify", "ours"]).Code, Is.Zero);
        Assert.That(run(_root, Programs.Rdiffsharp, ["verify", "ours"]).Code, Is.Zero);
    }

    /// <summary>Everything in a repository but its logs (the refused action's lines go there).</summary>
    private List<string> Names(string repository) =>
        [.. TreeListing.Names(Path.Combine(_root, repository)).Where(n => !n.EndsWith(".log f", StringComparison.Ordinal))];

    /// <summary>
    /// Backs up at T0, changes the source, backs up at T1 and puts the T0 marker back (a backup
    /// killed just before its last step), all through <paramref name="run"/>, in a tree that
    /// user nobody owns.
    /// </summary>
    private void Interrupted(Func<string, string, string[], Programs.Result> run)
    {
        string src = Path.Combine(_root, "src");
        Directory.CreateDirectory(src);
        File.WriteAllText(Path.Combine(src, "same"), "same\n");
        File.WriteAllText(Path.Combine(src, "changed"), "old\n");
        if (Environment.IsPrivilegedProcess)
        {
            Programs.Succeed(_root, "chown", "-R", "nobody:nogroup", _root);
        }
        Assert.That(run(_root, Programs.Rdiffsharp, ["--current-time", $"{T0}", "backup", "src", "repo"]).Code, Is.Zero);
        string marker = Programs.DataFile(Path.Combine(_root, "repo"), $"current_mirror.{T0Name}");
        byte[] saved = File.ReadAllBytes(marker);
        File.WriteAllText(Path.Combine(src, "changed"), "new, longer\n");
        Assert.That(run(_root, Programs.Rdiffsharp, ["--current-time", $"{T1}", "backup", "src", "repo"]).Code, Is.Zero);
        File.WriteAllBytes(marker, saved);
        if (Environment.IsPrivilegedProcess)
        {
            Programs.Succeed(_root, "chown", "nobody:nogroup", marker);
        }
    }
}
