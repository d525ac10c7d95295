using System.Text;
using RdiffCore.Backup;
using RdiffCore.Restore;
using RdiffCore.Tests.Support;

namespace RdiffCore.Tests.Backup;

/// <summary>
/// The central property, against the real rdiff-backup 2.2: N mutated versions of a tree with every
/// feature, backed up by either tool (or both in turn), restore exactly by either tool.
/// </summary>
public sealed class InteropTests
{
    private const int Versions = 4;
    private const long FirstSession = 1700000000;

    [Test]
    public void Our_backups_are_restored_and_verified_by_rdiff_backup()
    {
        using var temp = new TempDirectory();
        List<List<string>> versions = BackUp(temp, _ => Tool.Ours);

        for (int v = 0; v < Versions; v++)
        {
            string target = temp[$"theirs-{v}"];
            RdiffBackup("restore", "--at", Session(v).ToString(), temp["repo"], target);
            Assert.That(TreeDescription.Of(target), Is.EqualTo(versions[v]), $"rdiff-backup's restore of version {v}");
            RdiffBackup("verify", "--at", Session(v).ToString(), temp["repo"]);
        }
    }

    [Test]
    public void Rdiff_backup_repositories_are_restored_by_us()
    {
        using var temp = new TempDirectory();
        List<List<string>> versions = BackUp(temp, _ => Tool.RdiffBackup);

        AssertWeRestoreEveryVersion(temp, versions);
    }

    [Test]
    public void Both_tools_taking_turns_on_one_repository_restore_every_version()
    {
        using var temp = new TempDirectory();
        List<List<string>> versions = BackUp(temp, v => v % 2 == 0 ? Tool.Ours : Tool.RdiffBackup);

        AssertWeRestoreEveryVersion(temp, versions);
        for (int v = 0; v < Versions; v++)
        {
            string target = temp[$"theirs-{v}"];
            RdiffBackup("restore", "--at", Session(v).ToString(), temp["repo"], target);
            Assert.That(TreeDescription.Of(target), Is.EqualTo(versions[v]), $"rdiff-backup's restore of version {v}");
        }
        RdiffBackup("verify", temp["repo"]);
    }

    private static void AssertWeRestoreEveryVersion(TempDirectory temp, List<List<string>> versions)
    {
        for (int v = 0; v < Versions; v++)
        {
            string target = temp[$"ours-{v}"];
            RestoreEngine.Run(new RestoreOptions { Source = Bytes(temp["repo"]), Target = Bytes(target), At = Session(v).ToString() }, Fail);
            Assert.That(TreeDescription.Of(target), Is.EqualTo(versions[v]), $"our restore of version {v}");
        }
    }

    private enum Tool
    {
        Ours,
        RdiffBackup,
    }

    private static List<List<string>> BackUp(TempDirectory temp, Func<int, Tool> tool)
    {
        var versions = new List<List<string>>();
        for (int v = 0; v < Versions; v++)
        {
            TestTree.Apply(temp["src"], v);
            versions.Add(TreeDescription.Of(temp["src"]));
            if (tool(v) == Tool.Ours)
            {
                BackupEngine.Run(new BackupOptions { Source = Bytes(temp["src"]), Repository = Bytes(temp["repo"]), CurrentTime = Session(v) }, Fail);
            }
            else
            {
                RdiffBackup("--current-time", Session(v).ToString(), "backup", temp["src"], temp["repo"]);
            }
            Assert.That(TreeDescription.Of(temp["repo"]), Is.EqualTo(versions[v]), $"the mirror after backing up version {v} with {tool(v)}");
        }
        return versions;
    }

    private static long Session(int version) => FirstSession + version * 86400L;

    private static byte[] Bytes(string path) => Encoding.UTF8.GetBytes(path);

    private static void Fail(string warning) => Assert.Fail($"unexpected warning: {warning}");

    private static void RdiffBackup(params string[] arguments) => ExternalTool.Succeed("rdiff-backup", arguments);
}
