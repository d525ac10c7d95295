using System.Globalization;
using RdiffCli.Tests.Support;

namespace RdiffCli.Tests.Safety;

/// <summary>
/// Device files keep their mtime through a backup and a restore: their records carry ModTime, which
/// rdiff-backup 2.2.2 does not write for devices but reads. Fifos and sockets, for which it writes
/// ModTime, keep theirs too. The repository stays rdiff-backup's: it backs up into it, verifies,
/// lists and restores it, and rdiffsharp carries on after it.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class DeviceModTimeTests
{
    private const long Then = 1600000000;

    private static readonly string[] Specials = ["block", "char", "fifo", "socket"];

    [Test]
    public void Devices_fifos_and_sockets_keep_their_mtime_next_to_rdiff_backup()
    {
        Programs.RequireRoot();
        string root = Directory.CreateTempSubdirectory("rdiffsharp-devices-").FullName;
        try
        {
            string src = Path.Combine(root, "src");
            Directory.CreateDirectory(src);
            File.WriteAllText(Path.Combine(src, "file"), "one");
            Programs.Succeed(src, "mknod", "-m", "600", "char", "c", "1", "3");
            Programs.Succeed(src, "mknod", "-m", "640", "block", "b", "7", "200");
            Programs.Succeed(src, "mkfifo", "-m", "600", "fifo");
            Programs.Succeed(src, "python3", "-c", "import socket; socket.socket(socket.AF_UNIX).bind('socket')");
            foreach ((string name, int i) in Specials.Select((n, i) => (n, i)))
            {
                Programs.Succeed(src, "touch", "-h", "-d", $"@{Then + i}", name);
            }

            Programs.Succeed(root, Programs.Rdiffsharp, "backup", "--current-time", "1700000000", "src", "repo");
            string[] metadata = Programs.Lines(Programs.DataFile(Path.Combine(root, "repo"), "mirror_metadata.2023-11-14T22:13:20Z"));
            foreach (string name in Specials)
            {
                Assert.That(Record(metadata, name), Does.Contain("  ModTime "), $"the record of {name}");
            }
            AssertRestored(root, "first", "repo");

            // rdiff-backup backs up into the repository, then rdiffsharp again; both keep the times.
            File.WriteAllText(Path.Combine(src, "file"), "two");
            Programs.Succeed(root, "rdiff-backup", "--current-time", "1700001000", "backup", "src", "repo");
            File.WriteAllText(Path.Combine(src, "file"), "three");
            Programs.Succeed(root, Programs.Rdiffsharp, "backup", "--current-time", "1700002000", "src", "repo");
            AssertRestored(root, "third", "repo");
            Programs.Succeed(root, "rdiff-backup", "verify", "repo");
            Programs.Succeed(root, "rdiff-backup", "list", "increments", "repo");
            string files = Programs.Succeed(root, "rdiff-backup", "list", "files", "--at", "1700000000", "repo").Output;
            Assert.That(files.Split('\n'), Is.SupersetOf(Specials));
            Programs.Succeed(root, "rdiff-backup", "restore", "--at", "1700000000", "repo", "theirs");
            foreach (string name in Specials)
            {
                Assert.That(Kind(Path.Combine(root, "theirs", name)), Is.EqualTo(Kind(Path.Combine(src, name))), $"rdiff-backup restores {name}");
            }
            Programs.Succeed(root, "rdiff-backup", "--current-time", "1700003000", "backup", "src", "repo");
            Programs.Succeed(root, "rdiff-backup", "verify", "repo");
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static void AssertRestored(string root, string target, string repository)
    {
        Programs.Succeed(root, Programs.Rdiffsharp, "restore", "--at", "now", repository, target);
        Assert.Multiple(() =>
        {
            foreach ((string name, int i) in Specials.Select((n, i) => (n, i)))
            {
                string restored = Path.Combine(root, target, name);
                Assert.That(Kind(restored), Is.EqualTo(Kind(Path.Combine(root, "src", name))), name);
                Assert.That(Stat(restored, "%Y"), Is.EqualTo((Then + i).ToString(CultureInfo.InvariantCulture)), $"the mtime of {name}");
            }
        });
    }

    /// <summary>The file type, mode and device numbers as stat prints them.</summary>
    private static string Kind(string path) => Stat(path, "%F %a %t %T");

    private static string Stat(string path, string format) =>
        Programs.Succeed(Path.GetDirectoryName(path)!, "stat", "-c", format, path).Output.Trim();

    private static string Record(string[] metadata, string name)
    {
        int start = Array.IndexOf(metadata, $"File {name}");
        Assert.That(start, Is.GreaterThanOrEqualTo(0), $"no record of {name}");
        int end = Array.FindIndex(metadata, start + 1, l => l.StartsWith("File ", StringComparison.Ordinal));
        return string.Join('\n', metadata[start..(end < 0 ? metadata.Length : end)]);
    }
}
