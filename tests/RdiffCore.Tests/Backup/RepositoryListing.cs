using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using RdiffCore.Model;
using RdiffCore.Platform.Posix;

namespace RdiffCore.Tests.Backup;

/// <summary>
/// A repository as it lies on disk, for comparing two tools' repositories: every entry's path (raw
/// name bytes escaped), type and mode; and the decompressed text of the metadata files. The action
/// logs (backup.log) belong to another part and are left out.
/// </summary>
internal static class RepositoryListing
{
    public static List<string> Entries(string repository)
    {
        var lines = new List<string>();
        Walk(Encoding.UTF8.GetBytes(repository), "", lines);
        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    /// <summary>
    /// Name → decompressed contents of every mirror_metadata file, without the ModTime of device
    /// records: RdiffSharp records it, rdiff-backup 2.2.2 does not.
    /// </summary>
    public static Dictionary<string, string> Metadata(string repository)
    {
        var files = new Dictionary<string, string>();
        foreach (string path in System.IO.Directory.GetFiles(Path.Combine(repository, "rdiff-backup-data"), "mirror_metadata.*"))
        {
            using Stream raw = File.OpenRead(path);
            using Stream data = path.EndsWith(".gz", StringComparison.Ordinal) ? new GZipStream(raw, CompressionMode.Decompress) : raw;
            using var reader = new StreamReader(data, Encoding.Latin1);
            files[Path.GetFileName(path)] = Regex.Replace(reader.ReadToEnd(), @"(\n  Type dev\n  DeviceNum [^\n]*\n)  ModTime -?[0-9]+\n", "$1");
        }
        return files;
    }

    private static void Walk(byte[] directory, string relative, List<string> lines)
    {
        foreach (byte[] name in PosixFs.ReadDirectory(directory))
        {
            string shown = relative + "/" + Show(name);
            if (shown == "/rdiff-backup-data/backup.log")
            {
                continue;
            }
            byte[] full = RelPath.Join(directory, name);
            FileStatus status = PosixFs.LStat(full);
            lines.Add($"{shown} {status.Kind} {Convert.ToString(status.Permissions, 8)}");
            if (status.Kind == FileKind.Directory)
            {
                Walk(full, shown, lines);
            }
        }
    }

    private static string Show(byte[] name)
    {
        var text = new StringBuilder();
        foreach (byte b in name)
        {
            text.Append(b is >= 0x21 and < 0x7f and not (byte)'\\' ? (char)b : $"\\x{b:x2}");
        }
        return text.ToString();
    }
}
