using System.Text;

namespace RdiffCli.Tests.Support;

/// <summary>A fresh directory for one test, with files made by relative path and a text picture of any subtree to compare.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
internal sealed class ScratchTree : IDisposable
{
    public ScratchTree()
    {
        Root = Directory.CreateTempSubdirectory("rdiffsharp-scratch-").FullName;
    }

    public string Root { get; }

    public string Path(string relative) => System.IO.Path.Combine(Root, relative);

    /// <summary>Writes a file (its directories made as needed); returns its full path.</summary>
    public string File(string relative, string content)
    {
        string path = Path(relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        System.IO.File.WriteAllText(path, content);
        return path;
    }

    /// <summary>Every entry below <paramref name="relative"/>: its path, kind, mode and content or link target, sorted.</summary>
    public string Snapshot(string relative)
    {
        string top = Path(relative);
        var lines = new List<string>();
        if (!Directory.Exists(top))
        {
            return "(missing)";
        }
        foreach (string entry in Directory.EnumerateFileSystemEntries(top, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 }))
        {
            var info = new FileInfo(entry);
            string name = System.IO.Path.GetRelativePath(top, entry);
            string mode = Convert.ToString((int)System.IO.File.GetUnixFileMode(entry), 8);
            if (info.LinkTarget is string target)
            {
                lines.Add($"{name} -> {target}");
            }
            else if (Directory.Exists(entry))
            {
                lines.Add($"{name}/ {mode}");
            }
            else
            {
                lines.Add($"{name} {mode} {Encoding.UTF8.GetString(System.IO.File.ReadAllBytes(entry))}");
            }
        }
        lines.Sort(StringComparer.Ordinal);
        return string.Join('\n', lines);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS's temp cleaning.
        }
        catch (UnauthorizedAccessException)
        {
            // A test left a directory without write permission; the OS's temp cleaning takes it.
        }
    }
}
