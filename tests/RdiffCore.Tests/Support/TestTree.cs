using System.Text;
using RdiffCore.Model;
using RdiffCore.Platform.Posix;

namespace RdiffCore.Tests.Support;

/// <summary>
/// Builds version N of a source tree with every kind of entry the backup keeps, changing it in place
/// from one version to the next (unchanged entries keep their inodes): edits, deletions, new files,
/// type changes, attribute-only changes, hard links, special files, xattrs, POSIX ACLs (access and
/// default, named users and groups, changed and removed), owners other than root (as root) and odd
/// byte names.
/// </summary>
internal static class TestTree
{
    private const long BaseTime = 1698840000;
    private const uint Nobody = 65534;
    private const uint Daemon = 1;
    private const uint NamelessId = 54321;

    public static void Apply(string rootPath, int version)
    {
        byte[] root = Encoding.UTF8.GetBytes(rootPath);
        if (!PosixFs.TryLStat(root, out _))
        {
            PosixFs.MkDir(root, 0b111_101_101);
        }
        var random = new Random(1234);
        byte[] big = new byte[300_000];
        random.NextBytes(big);
        for (int i = 0; i < version; i++)
        {
            // A few scattered edits per version, so the increments are real deltas.
            random.NextBytes(big.AsSpan(10_000 * (i + 1), 500));
        }
        File(root, "big.bin", big, 0b110_100_100, version);
        File(root, "file.txt", Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, 200).Select(l => $"line {l} of version {(l % 50 == 0 ? version : 0)}\n"))), 0b110_100_100, version);
        File(root, "empty", [], 0b110_000_000, 0);
        File(root, "setuid", "x"u8.ToArray(), version >= 2 ? 0b100_111_101_101 : 0b111_101_101, version >= 2 ? 2 : 0);
        File(root, "sticky-mode", "y"u8.ToArray(), 0b001_111_101_101, 0);
        Remove(root, "gone-at-2", version >= 2);
        if (version < 2)
        {
            File(root, "gone-at-2", "bye\n"u8.ToArray(), 0b110_100_100, 0);
        }
        if (version >= 1)
        {
            File(root, "new-at-1", "hello\n"u8.ToArray(), 0b110_100_100, 1);
        }
        // Names that are bytes, not text: invalid UTF-8, a newline, a backslash, a semicolon.
        File(root, "odd\xff name", "a"u8.ToArray(), 0b110_100_100, 0, rawName: [(byte)'o', (byte)'d', (byte)'d', 0xff, (byte)' ', (byte)'n']);
        File(root, "new\nline\\back;semi", Encoding.UTF8.GetBytes($"v{version}"), 0b110_100_100, version);
        Directory(root, "dir", 0b111_101_000, 0);
        File(root, "dir/note", Encoding.UTF8.GetBytes($"note v{Math.Min(version, 2)}\n"), 0b110_100_100, Math.Min(version, 2));
        Directory(root, "dir/sub", 0b111_101_101, 0);
        File(root, "dir/sub/deep", "deep\n"u8.ToArray(), 0b110_100_100, 0);
        // A type change each version: file, directory, symlink, file...
        Remove(root, "shape", true);
        switch (version % 3)
        {
            case 0:
                File(root, "shape", "a file\n"u8.ToArray(), 0b110_100_100, version);
                break;
            case 1:
                Directory(root, "shape", 0b111_101_101, version);
                File(root, "shape/inside", "inside\n"u8.ToArray(), 0b110_100_100, version);
                break;
            default:
                PosixFs.Symlink("file.txt"u8, Path(root, "shape"));
                break;
        }
        Remove(root, "link", true);
        PosixFs.Symlink(version >= 1 ? "dir/note"u8 : "file.txt"u8, Path(root, "link"));
        if (!PosixFs.TryLStat(Path(root, "fifo"), out _) && version < 3)
        {
            PosixFs.MkNod(Path(root, "fifo"), FileKind.Fifo, 0b110_100_100, 0, 0);
        }
        if (version >= 3)
        {
            Remove(root, "fifo", true);
        }
        if (!PosixFs.TryLStat(Path(root, "socket"), out _))
        {
            PosixFs.MkNod(Path(root, "socket"), FileKind.Socket, 0b111_101_101, 0, 0);
        }
        if (Environment.IsPrivilegedProcess && !PosixFs.TryLStat(Path(root, "null-device"), out _))
        {
            PosixFs.MkNod(Path(root, "null-device"), FileKind.CharDevice, 0b110_110_110, 1, 3);
        }
        // Hard links: a pair, then one of them goes.
        File(root, "hl_a", Encoding.UTF8.GetBytes($"linked {Math.Min(version, 1)}\n"), 0b110_100_100, Math.Min(version, 1));
        Remove(root, "hl_b", true);
        if (version < 3)
        {
            PosixFs.Link(Path(root, "hl_a"), Path(root, "hl_b"));
        }
        PosixFs.SetXattr(Path(root, "file.txt"), "user.comment"u8, Encoding.UTF8.GetBytes($"v{version}"));
        PosixFs.SetXattr(Path(root, "dir"), "user.empty"u8, []);
        if (Environment.IsPrivilegedProcess)
        {
            Owners(root, version);
        }
        Acls(rootPath, version);
        foreach (string dir in new[] { "dir/sub", "dir" })
        {
            PosixFs.SetTimes(Path(root, dir), BaseTime, BaseTime, noFollow: false);
        }
        if (version % 3 == 1)
        {
            PosixFs.SetTimes(Path(root, "shape"), BaseTime + 7, BaseTime + 7, noFollow: false);
        }
        PosixFs.SetTimes(root, BaseTime + version, BaseTime + version, noFollow: false);
    }

    /// <summary>
    /// Owners by name (nobody, daemon) and by an id that has no name here (54321), changing
    /// between versions so that an owner-only change is an attribute change.
    /// </summary>
    private static void Owners(byte[] root, int version)
    {
        File(root, "owned-nobody", "n\n"u8.ToArray(), 0b110_100_100, 0);
        PosixFs.LChown(Path(root, "owned-nobody"), Nobody, version >= 2 ? Daemon : Nobody);
        File(root, "owned-daemon", "d\n"u8.ToArray(), 0b110_100_100, 0);
        PosixFs.LChown(Path(root, "owned-daemon"), version == 1 ? Nobody : Daemon, Daemon);
        File(root, "owned-nameless", "x\n"u8.ToArray(), 0b110_100_100, 0);
        PosixFs.LChown(Path(root, "owned-nameless"), NamelessId, version >= 1 ? NamelessId : Daemon);
        Directory(root, "dir/owned-dir", 0b111_101_101, 0);
        PosixFs.LChown(Path(root, "dir/owned-dir"), version >= 3 ? NamelessId : Nobody, Nobody);
    }

    /// <summary>
    /// ACLs set with setfacl (the oracle, not our writer): named users and groups by name and by a
    /// bare id, a mask, default ACLs, a directory whose only extension is a default ACL; changed at
    /// version 1 and 2, removed at 3. Set after the modes, since chmod rewrites the mask.
    /// </summary>
    private static void Acls(string root, int version)
    {
        string file = System.IO.Path.Combine(root, "file.txt");
        string dir = System.IO.Path.Combine(root, "dir");
        string sub = System.IO.Path.Combine(root, "dir", "sub");
        string deep = System.IO.Path.Combine(root, "dir", "sub", "deep");
        switch (version)
        {
            case 0:
                SetFacl("--set", "u::rw-,u:nobody:r--,g::r--,g:adm:r--,m::r--,o::r--", file);
                SetFacl("--set", "u::rwx,g::r-x,o::---,d:u::rwx,d:u:nobody:r-x,d:g::r-x,d:m::r-x,d:o::---", dir);
                break;
            case 1:
                SetFacl("--set", "u::rw-,u:nobody:rw-,u:daemon:r--,u:54321:r--,g::r--,g:nogroup:rw-,m::rw-,o::r--", file);
                SetFacl("--set", "u::rwx,g::r-x,u:daemon:rwx,m::rwx,o::---,d:u::rwx,d:u:nobody:r-x,d:g::r-x,d:g:adm:r-x,d:m::r-x,d:o::---", dir);
                SetFacl("--set", "u::rwx,g::r-x,o::r-x,d:u::rwx,d:g::r-x,d:g:54321:rwx,d:m::rwx,d:o::r-x", sub);
                SetFacl("--set", "u::rw-,u:54321:rw-,g::r--,m::rw-,o::r--", deep);
                break;
            case 2:
                SetFacl("--set", "u::rw-,u:daemon:r--,g::r--,m::r--,o::r--", file);
                SetFacl("--remove-default", dir);
                SetFacl("-m", "d:u:daemon:rwx", sub);
                break;
            default:
                foreach (string path in new[] { file, dir, sub, deep })
                {
                    SetFacl("--remove-all", path);
                }
                break;
        }
    }

    private static void SetFacl(params string[] arguments) => ExternalTool.Succeed("setfacl", arguments);

    private static void File(byte[] root, string name, byte[] content, int mode, int stamp, byte[]? rawName = null)
    {
        byte[] path = rawName is null ? Path(root, name) : RelPath.Join(root, rawName);
        bool same = PosixFs.TryLStat(path, out FileStatus status) && status.Kind == FileKind.Regular && Read(path).AsSpan().SequenceEqual(content);
        if (!same)
        {
            if (PosixFs.TryLStat(path, out _))
            {
                PosixFs.Unlink(path);
            }
            using var file = new FileStream(PosixFs.CreateNew(path, 0b110_000_000), FileAccess.Write, 1);
            file.Write(content);
        }
        PosixFs.Chmod(path, mode);
        PosixFs.SetTimes(path, BaseTime + stamp, BaseTime + stamp, noFollow: false);
    }

    private static byte[] Read(byte[] path)
    {
        using var file = new FileStream(PosixFs.OpenRead(path), FileAccess.Read, 1);
        using var copy = new MemoryStream();
        file.CopyTo(copy);
        return copy.ToArray();
    }

    private static void Directory(byte[] root, string name, int mode, int stamp)
    {
        byte[] path = Path(root, name);
        if (!PosixFs.TryLStat(path, out _))
        {
            PosixFs.MkDir(path, 0b111_000_000);
        }
        PosixFs.Chmod(path, mode);
        PosixFs.SetTimes(path, BaseTime + stamp, BaseTime + stamp, noFollow: false);
    }

    private static void Remove(byte[] root, string name, bool condition)
    {
        byte[] path = Path(root, name);
        if (condition && PosixFs.TryLStat(path, out FileStatus status))
        {
            if (status.Kind == FileKind.Directory)
            {
                foreach (byte[] child in PosixFs.ReadDirectory(path))
                {
                    Remove(path, Encoding.UTF8.GetString(child), true);
                }
                PosixFs.RmDir(path);
            }
            else
            {
                PosixFs.Unlink(path);
            }
        }
    }

    private static byte[] Path(byte[] root, string name) => RelPath.Join(root, Encoding.UTF8.GetBytes(name));
}
