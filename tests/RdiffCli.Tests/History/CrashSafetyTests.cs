using System.Diagnostics;
using RdiffCli.Tests.Support;

namespace RdiffCli.Tests.History;

/// <summary>
/// Backups killed with SIGKILL at moments spread over the whole run (the built rdiffsharp, and
/// rdiff-backup 2.2.2), then regressed by rdiffsharp or by rdiff-backup, in turn. Each time: the mirror
/// is the previous version again (or the new one, when the kill came after the commit), the
/// previous and the oldest versions restore exactly, and the next backup succeeds.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class CrashSafetyTests
{
    private const long T0 = 1_700_000_000, T1 = 1_700_001_000, T2 = 1_700_002_000;

    private string _root = "";
    private List<string> _v0 = [], _v1 = [], _v2 = [];

    [OneTimeSetUp]
    public void BuildRepository()
    {
        _root = Directory.CreateTempSubdirectory("rdiffsharp-crash-").FullName;
        string src = Path.Combine(_root, "src"), repo = Path.Combine(_root, "template");
        CrashTree.Apply(src, 0);
        _v0 = TreeListing.Of(src);
        Programs.Succeed(_root, Programs.Rdiffsharp, "--current-time", $"{T0}", "backup", src, repo);
        CrashTree.Apply(src, 1);
        _v1 = TreeListing.Of(src);
        Programs.Succeed(_root, Programs.Rdiffsharp, "--current-time", $"{T1}", "backup", src, repo);
        CrashTree.Apply(src, 2);
        _v2 = TreeListing.Of(src);
    }

    [OneTimeTearDown]
    public void Remove() => Directory.Delete(_root, recursive: true);

    [Test]
    public void Killed_rdiffsharp_backups_are_regressed_by_either_tool()
    {
        TimeSpan full = FullRun(Programs.Rdiffsharp);
        int regressed = KillAndCheck(Programs.Rdiffsharp, full, points: 24);
        Assert.That(regressed, Is.GreaterThanOrEqualTo(12), "most kill points fall inside the session");
    }

    [Test]
    public void Killed_rdiff_backup_backups_are_regressed_by_either_tool()
    {
        TimeSpan full = FullRun("rdiff-backup");
        int regressed = KillAndCheck("rdiff-backup", full, points: 6);
        Assert.That(regressed, Is.GreaterThanOrEqualTo(3), "most kill points fall inside the session");
    }

    // How long the session runs once its marker is written: kill points are spread over that span,
    // so a slower or faster machine moves them with it (the tool's start-up is not part of it).
    private TimeSpan FullRun(string backupTool)
    {
        string work = Fresh("probe");
        using Process process = Start(backupTool, work);
        WaitForMarker(process, work);
        var clock = Stopwatch.StartNew();
        process.WaitForExit();
        Assert.That(process.ExitCode, Is.Zero, $"{backupTool} probe run");
        return clock.Elapsed;
    }

    private static void WaitForMarker(Process process, string repository)
    {
        while (!process.HasExited && Markers(repository) < 2)
        {
            Thread.Sleep(1);
        }
    }

    private Process Start(string tool, string repository)
    {
        var start = new ProcessStartInfo(tool) { WorkingDirectory = _root, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.Environment["TZ"] = "UTC";
        foreach (string argument in new[] { "--current-time", $"{T2}", "backup", Path.Combine(_root, "src"), repository })
        {
            start.ArgumentList.Add(argument);
        }
        Process process = Process.Start(start)!;
        // Drained as they come, so a full pipe never blocks the tool.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private int KillAndCheck(string backupTool, TimeSpan full, int points)
    {
        int regressed = 0;
        for (int k = 0; k < points; k++)
        {
            string work = Fresh("work");
            TimeSpan delay = full * (0.9 * k / points);
            KillDuring(backupTool, work, delay);
            string context = $"{backupTool} killed after {delay.TotalMilliseconds:F0} ms of {full.TotalMilliseconds:F0}";
            bool interrupted = Markers(work) == 2;
            bool regressedOrNotBegun = interrupted;
            if (interrupted)
            {
                regressed++;
                string regressTool = k % 2 == 0 ? Programs.Rdiffsharp : "rdiff-backup";
                Programs.Result regress = Programs.Run(_root, regressTool, "regress", work);
                Assert.That(regress.Code, Is.EqualTo(2).Or.EqualTo(0), $"{context}, {regressTool} regress: {regress.Error}");
                Assert.That(Markers(work), Is.EqualTo(1), context);
                Assert.That(TreeListing.Of(work), Is.EqualTo(_v1), $"{context}: the mirror after {regressTool}'s regress");
            }
            else
            {
                // Killed before its marker (nothing written yet) or after its commit.
                bool finished = Directory.GetFiles(Path.Combine(work, "rdiff-backup-data"), "current_mirror.2023-11-14T22:46:40Z.data").Length == 1;
                Assert.That(Markers(work), Is.EqualTo(1), context);
                Assert.That(TreeListing.Of(work), Is.EqualTo(finished ? _v2 : _v1), $"{context}: the mirror of a session {(finished ? "finished" : "not begun")}");
                regressedOrNotBegun = !finished;
            }
            Assert.That(Restore(work, T1), Is.EqualTo(_v1), $"{context}: the previous version");
            Assert.That(Restore(work, T0), Is.EqualTo(_v0), $"{context}: the oldest version");
            if (regressedOrNotBegun)
            {
                Programs.Result next = Programs.Run(_root, Programs.Rdiffsharp, "--current-time", $"{T2 + 10}", "backup", Path.Combine(_root, "src"), work);
                Assert.That(next.Code, Is.Zero, $"{context}: the next backup: {next.Error}");
                Assert.That(TreeListing.Of(work), Is.EqualTo(_v2), $"{context}: the next backup's mirror");
            }
        }
        return regressed;
    }

    private void KillDuring(string tool, string repository, TimeSpan delay)
    {
        using Process process = Start(tool, repository);
        WaitForMarker(process, repository);
        if (!process.WaitForExit(delay))
        {
            // Process.Kill is SIGKILL on Linux: no handler runs.
            process.Kill();
        }
        process.WaitForExit();
    }

    private List<string> Restore(string repository, long time)
    {
        string target = Path.Combine(_root, "restored");
        if (Directory.Exists(target))
        {
            Directory.Delete(target, recursive: true);
        }
        Programs.Succeed(_root, Programs.Rdiffsharp, "restore", "--at", $"{time}", repository, target);
        return TreeListing.Of(target);
    }

    private string Fresh(string name)
    {
        string work = Path.Combine(_root, name);
        if (Directory.Exists(work))
        {
            Programs.Succeed(_root, "rm", "-rf", work);
        }
        Programs.Succeed(_root, "cp", "-a", Path.Combine(_root, "template"), work);
        return work;
    }

    private static int Markers(string repository) =>
        Directory.GetFiles(Path.Combine(repository, "rdiff-backup-data"), "current_mirror.*").Length;
}
