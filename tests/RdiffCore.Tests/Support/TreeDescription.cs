using System.Security.Cryptography;
using System.Text;
using RdiffCore.Model;
using RdiffCore.Platform.Posix;

namespace RdiffCore.Tests.Support;

/// <summary>
/// A tree described entry by entry (kind, mode, owner, size, SHA-1, symlink target, device, mtime,
/// xattrs, POSIX ACLs, hard-link group), so that two trees compare attribute for attribute in one
/// assertion. ACLs are getfacl's numeric text (the oracle), asked only of entries that carry a
/// system.posix_acl_* attribute, so the kernel, not our reader, says which have one.
/// </summary>
internal static class TreeDescription
{
    public static List<string> Of(string root, bool mtimes = true, bool rootMtime = false)
    {
        var lines = new List<string>();
        var inodes = new Dictionary<(ulong, ulong), string>();
        Describe(Encoding.UTF8.GetBytes(root), RelPath.Root, lines, inodes, mtimes, rootMtime);
        return lines;
    }

    private static void Describe(byte[] full, RelPath path, List<string> lines, Dictionary<(ulong, ulong), string> inodes, bool mtimes, bool rootMtime)
    {
        FileStatus status = PosixFs.LStat(full);
        var line = new StringBuilder();
        line.Append(Show(path.Bytes)).Append(' ').Append(status.Kind).Append(' ');
        if (status.Kind != FileKind.Symlink)
        {
            line.Append(Convert.ToString(status.Permissions, 8)).Append(' ');
        }
        line.Append(status.Uid).Append(':').Append(status.Gid);
        switch (status.Kind)
        {
            case FileKind.Regular:
                line.Append(" size=").Append(status.Size).Append(" sha1=").Append(Sha1(full));
                if (status.LinkCount > 1)
                {
                    if (!inodes.TryGetValue((status.Inode, status.Device), out string? first))
                    {
                        inodes[(status.Inode, status.Device)] = first = Show(path.Bytes);
                    }
                    line.Append(" links=").Append(status.LinkCount).Append(" group=").Append(first);
                }
                break;
            case FileKind.Symlink:
                line.Append(" -> ").Append(Show(PosixFs.ReadLink(full)));
                break;
            case FileKind.CharDevice or FileKind.BlockDevice:
                line.Append(" dev=").Append(status.RdevMajor).Append(',').Append(status.RdevMinor);
                break;
        }
        // The format records no time for symlinks and devices (format.md §1.6).
        if (mtimes && status.Kind is not (FileKind.Symlink or FileKind.CharDevice or FileKind.BlockDevice) && (rootMtime || !path.IsRoot))
        {
            line.Append(" mtime=").Append(status.ModTimeSeconds);
        }
        if (status.Kind != FileKind.Symlink)
        {
            List<byte[]> names = PosixFs.ListXattrs(full);
            names.Sort((a, b) => a.AsSpan().SequenceCompareTo(b));
            foreach (byte[] name in names.Where(n => !n.AsSpan().StartsWith("system."u8)))
            {
                line.Append(" xattr:").Append(Show(name)).Append('=').Append(Convert.ToHexString(PosixFs.GetXattr(full, name) ?? []));
            }
            if (names.Exists(n => n.AsSpan().StartsWith("system.posix_acl_"u8)))
            {
                line.Append(" acl=").Append(Getfacl(full));
            }
        }
        lines.Add(line.ToString());
        if (status.Kind == FileKind.Directory)
        {
            List<byte[]> children = PosixFs.ReadDirectory(full);
            children.Sort((a, b) => a.AsSpan().SequenceCompareTo(b));
            foreach (byte[] child in children)
            {
                if (path.IsRoot && child.AsSpan().SequenceEqual("rdiff-backup-data"u8))
                {
                    continue;
                }
                Describe(RelPath.Join(full, child), path.Append(child), lines, inodes, mtimes, rootMtime);
            }
        }
    }

    /// <summary>getfacl's entries with numeric ids, comma-separated ("user::rw-,user:65534:r--,...").</summary>
    public static string Getfacl(byte[] path)
    {
        string text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(path);
        string output = ExternalTool.Succeed("getfacl", "--omit-header", "--numeric", "--absolute-names", "--no-effective", "--physical", "--", text).Text;
        return string.Join(',', output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    private static string Sha1(byte[] path)
    {
        using var file = new FileStream(PosixFs.OpenRead(path), FileAccess.Read, 1 << 16);
        return Convert.ToHexString(SHA256.HashData(file));
    }

    // Escapes bytes that are not printable ASCII so that odd names show in failure messages.
    private static string Show(ReadOnlySpan<byte> bytes)
    {
        var text = new StringBuilder();
        foreach (byte b in bytes)
        {
            text.Append(b is >= 0x21 and < 0x7f and not (byte)'\\' ? (char)b : $"\\x{b:x2}");
        }
        return text.Length == 0 ? "." : text.ToString();
    }
}
