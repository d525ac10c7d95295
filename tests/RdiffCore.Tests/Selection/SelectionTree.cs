using System.Net.Sockets;
using System.Text;
using RdiffCore.Model;
using RdiffCore.Platform.Posix;
using RdiffCore.Selection;

namespace RdiffCore.Tests.Selection;

/// <summary>
/// The source tree every oracle case selects from: nested directories, names with wildcards, odd
/// bytes and mixed case, links, a fifo, a socket, a device (as root), sizes, presence markers,
/// cache tags, a nested and a top-level rdiff-backup-data, and (as root) a tmpfs mounted inside.
/// </summary>
internal static class SelectionTree
{
    public static bool Build(string root)
    {
        string[] files =
        [
            "a/b/f.txt", "a/b/g.py", "a/h.py", "a/UPPER.TXT", "ab/x", "c/g", "c/deep/x/y.py", "c/deep/z",
            "d/rdiff-backup-data/y", "rdiff-backup-data/x", "Mixed.Case/File.TXT", "Mixed.Case/other.txt",
            "star*name", "starXname", "p1/.nobackup", "p1/stuff", "p1/sub/t", "p2/stuff", "q/r/.nobackup",
            "cache1/data", "cache1/sub/z", "cache2/data", "e/f/g/h.py", "lists/keep",
        ];
        foreach (string file in files)
        {
            Write(root, file, Encoding.ASCII.GetBytes(file));
        }
        Directory.CreateDirectory(Path.Combine(root, "src/empty-dir"));
        Write(root, "big.bin", new byte[5000]);
        Write(root, "small.txt", new byte[10]);
        Write(root, "exact100", new byte[100]);
        Write(root, "empty", []);
        Write(root, "cache1/CACHEDIR.TAG", Encoding.ASCII.GetBytes("Signature: 8a477f597d28d172789f06886806bc55\n# a cache\n"));
        Write(root, "cache2/CACHEDIR.TAG", Encoding.ASCII.GetBytes("Signature: not the right one\n"));
        byte[] src = Encoding.UTF8.GetBytes(Path.Combine(root, "src"));
        PosixFs.Symlink("a"u8, RelPath.Join(src, "link"u8));
        PosixFs.Symlink("small.txt"u8, RelPath.Join(src, "flink"u8));
        PosixFs.MkNod(RelPath.Join(src, "fifo"u8), FileKind.Fifo, 0x1a4, 0, 0);
        PosixFs.MkNod(RelPath.Join(src, "a/fifo2"u8), FileKind.Fifo, 0x1a4, 0, 0);
        using (var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified))
        {
            socket.Bind(new UnixDomainSocketEndPoint(Path.Combine(root, "src/sock")));
        }
        PosixFs.CreateNew(RelPath.Join(src, [.. "odd"u8, 0xff, 0xfe, .. "name"u8]), 0x1a4).Dispose();
        Write(root, "new\nline", [1, 2]);
        if (!Environment.IsPrivilegedProcess)
        {
            return false;
        }
        PosixFs.MkNod(RelPath.Join(src, "cdev"u8), FileKind.CharDevice, 0x1a4, 1, 3);
        Directory.CreateDirectory(Path.Combine(root, "src/mnt"));
        bool mounted = Support.ExternalTool.Run("mount", "-t", "tmpfs", "none", Path.Combine(root, "src/mnt")).ExitCode == 0;
        if (mounted)
        {
            Write(root, "mnt/inside", [1]);
        }
        return mounted;
    }

    public static void Unmount(string root) => Support.ExternalTool.Run("umount", Path.Combine(root, "src/mnt"));

    /// <summary>Every path below <paramref name="directory"/> in canonical order, the directory itself first.</summary>
    public static IEnumerable<SelectionCandidate> Walk(byte[] directory, RelPath path = default)
    {
        FileStatus status = PosixFs.LStat(path.Under(directory));
        yield return new SelectionCandidate(path, status.Kind, status.Size, status.Device);
        if (status.Kind != FileKind.Directory)
        {
            yield break;
        }
        List<byte[]> names = PosixFs.ReadDirectory(path.Under(directory));
        names.Sort((x, y) => x.AsSpan().SequenceCompareTo(y));
        foreach (byte[] name in names)
        {
            foreach (SelectionCandidate inner in Walk(directory, path.Append(name)))
            {
                yield return inner;
            }
        }
    }

    /// <summary>A path list for messages: one path a line, bytes that are not printable as \xNN.</summary>
    public static string Show(IEnumerable<RelPath> paths) => string.Join("\n", paths.Select(p => string.Concat(p.Bytes.ToArray().Select(b => b is >= 0x21 and < 0x7f ? ((char)b).ToString() : $"\\x{b:x2}"))));

    private static void Write(string root, string file, byte[] data)
    {
        string path = Path.Combine(root, "src", file);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, data);
    }
}
