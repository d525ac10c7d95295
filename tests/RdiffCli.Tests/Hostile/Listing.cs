using System.Security.Cryptography;
using RdiffCli.Tests.Support;

namespace RdiffCli.Tests.Hostile;

/// <summary>
/// A tree entry by entry as find(1) sees it, without following symlinks: path, type, mode, owner,
/// symlink target, and the SHA-256 of each regular file; the root itself included, some subtrees
/// left out.
/// </summary>
internal static class Listing
{
    public static List<string> Of(string root, IReadOnlyCollection<string> skip)
    {
        var arguments = new List<string> { root };
        foreach (string path in skip)
        {
            arguments.AddRange(["-path", path, "-prune", "-o"]);
        }
        arguments.AddRange(["-printf", "%P\t%y\t%m\t%U:%G\t%l\n"]);
        Programs.Result find = Programs.Run("/", "find", [.. arguments]);
        Assert.That(find.Code, Is.Zero, find.Error);
        var lines = new List<string>();
        foreach (string line in find.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            string[] fields = line.Split('\t');
            string entry = fields[0].Length == 0 ? "." : fields[0];
            string hash = fields[1] == "f" ? Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(root, entry)))) : "";
            lines.Add($"{entry} {fields[1]} {fields[2]} {fields[3]} {fields[4]} {hash}");
        }
        lines.Sort(StringComparer.Ordinal);
        return lines;
    }
}
