using System.Security.Cryptography;
using System.Text;

namespace RdiffCli.Tests.History;

/// <summary>A directory tree entry by entry (type, mode, size, mtime, SHA-256, symlink target), rdiff-backup-data left out, for comparing two trees in one assertion.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
internal static class TreeListing
{
    public static List<string> Of(string root)
    {
        var lines = new List<string>();
        Describe(root, "", lines);
        return lines;
    }

    /// <summary>The names under a directory with their kinds, for comparing two repositories' bookkeeping.</summary>
    public static List<string> Names(string root) =>
        [.. Directory.EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories)
            .Select(p => $"{Path.GetRelativePath(root, p)} {(Directory.Exists(p) && new FileInfo(p).LinkTarget is null ? "d" : "f")}")
            .Order(StringComparer.Ordinal)];

    private static void Describe(string full, string relative, List<string> lines)
    {
        var info = new FileInfo(full);
        var line = new StringBuilder(relative.Length == 0 ? "." : relative);
        if (info.LinkTarget is string target)
        {
            lines.Add(line.Append(" -> ").Append(target).ToString());
            return;
        }
        bool directory = Directory.Exists(full);
        line.Append(' ').Append(Convert.ToString((int)File.GetUnixFileMode(full), 8));
        if (relative.Length > 0)
        {
            line.Append(" mtime=").Append(new DateTimeOffset(File.GetLastWriteTimeUtc(full)).ToUnixTimeSeconds());
        }
        if (!directory)
        {
            using FileStream data = File.OpenRead(full);
            line.Append(" size=").Append(data.Length).Append(" sha=").Append(Convert.ToHexString(SHA256.HashData(data)));
            lines.Add(line.ToString());
            return;
        }
        lines.Add(line.Append(" dir").ToString());
        foreach (string child in Directory.GetFileSystemEntries(full).Order(StringComparer.Ordinal))
        {
            string name = Path.GetFileName(child);
            if (relative.Length == 0 && name == "rdiff-backup-data")
            {
                continue;
            }
            Describe(child, relative.Length == 0 ? name : relative + "/" + name, lines);
        }
    }
}
