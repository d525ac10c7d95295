using System.Text;
using RdiffCore.Model;
using RdiffCore.Platform.Posix;
using RdiffCore.Tests.Support;

namespace RdiffCore.Tests.Backup;

/// <summary>
/// Version N of a tree for quoting and long names: <see cref="TestTree"/> plus upper-case and ':'
/// names (quoted under 'A-Z:'), a 255-byte name (its mirror fits, its increments do not), ~240-byte
/// names changed and deleted, and a 100-byte upper-case name whose quoted mirror name does not fit,
/// changed, then deleted.
/// </summary>
internal static class QuotingTree
{
    private const long BaseTime = 1698840000;

    public static readonly string Max = new('a', 255);
    public static readonly string Long = new('b', 240);
    public static readonly string Upper = new('U', 100);

    public static void Apply(string root, int version)
    {
        TestTree.Apply(root, version);
        byte[] top = Bytes(root);
        Directory(top, "Dir:One");
        File(top, "Dir:One/Inner File", $"inner {Math.Min(version, 1)}\n");
        File(top, "Dir:One/" + Long, $"long in dir v{version}\n");
        File(top, Max, $"max v{version}\n");
        Remove(top, Long);
        if (version < 2)
        {
            File(top, Long, $"long v{version}\n");
        }
        // Not made a directory: rdiff-backup 2.2.2 itself fails (ENAMETOOLONG) on the second session
        // after a directory under an alternate mirror name changed.
        Remove(top, Upper);
        if (version < 2)
        {
            File(top, Upper, $"upper file v{version}\n");
        }
        File(top, "Mixed;Case:Name", version >= 1 ? "changed\n" : "first\n");
        PosixFs.SetTimes(Path(top, "Dir:One"), BaseTime, BaseTime, noFollow: false);
        PosixFs.SetTimes(top, BaseTime + version, BaseTime + version, noFollow: false);
    }

    private static void File(byte[] root, string name, string content)
    {
        byte[] path = Path(root, name);
        Remove(root, name);
        using (var file = new FileStream(PosixFs.CreateNew(path, 0b110_100_100), FileAccess.Write, 1))
        {
            file.Write(Encoding.UTF8.GetBytes(content));
        }
        PosixFs.Chmod(path, 0b110_100_100);
        // A change of contents always changes the mtime: rdiff-backup compares no contents (§3.2).
        long stamp = BaseTime + Encoding.UTF8.GetBytes(content).Sum(b => (long)b);
        PosixFs.SetTimes(path, stamp, stamp, noFollow: false);
    }

    private static void Directory(byte[] root, string name)
    {
        if (!PosixFs.TryLStat(Path(root, name), out _))
        {
            PosixFs.MkDir(Path(root, name), 0b111_101_101);
        }
    }

    private static void Remove(byte[] root, string name)
    {
        byte[] path = Path(root, name);
        if (!PosixFs.TryLStat(path, out FileStatus status))
        {
            return;
        }
        if (status.Kind == FileKind.Directory)
        {
            foreach (byte[] child in PosixFs.ReadDirectory(path))
            {
                Remove(root, name + "/" + Encoding.UTF8.GetString(child));
            }
            PosixFs.RmDir(path);
        }
        else
        {
            PosixFs.Unlink(path);
        }
    }

    private static byte[] Path(byte[] root, string name) => RelPath.Join(root, Encoding.UTF8.GetBytes(name));

    private static byte[] Bytes(string path) => Encoding.UTF8.GetBytes(path);
}
