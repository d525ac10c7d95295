using RdiffCli.Tests.Support;

namespace RdiffCli.Tests.Hostile;

/// <summary>A fresh temp directory with a source tree and a repository of two backups made by the built rdiffsharp.</summary>
internal sealed class TwoBackupRepository : IDisposable
{
    public const long FirstTime = 1_000_000_000, SecondTime = 1_000_001_000;

    public TwoBackupRepository(string name, params string[] backupOptions)
    {
        Root = Directory.CreateTempSubdirectory($"rdiffsharp-{name}-").FullName;
        Source = Path.Combine(Root, "src");
        Repository = Path.Combine(Root, "repo");
        Directory.CreateDirectory(Path.Combine(Source, "dir"));
        File.WriteAllText(Path.Combine(Source, "a.txt"), "first\n");
        File.WriteAllText(Path.Combine(Source, "dir", "b.txt"), "bee\n");
        Programs.Succeed(Root, Programs.Rdiffsharp, ["--current-time", $"{FirstTime}", .. backupOptions, "backup", Source, Repository]);
        File.WriteAllText(Path.Combine(Source, "a.txt"), "second\n");
        Programs.Succeed(Root, Programs.Rdiffsharp, ["--current-time", $"{SecondTime}", .. backupOptions, "backup", Source, Repository]);
    }

    public string Root { get; }

    public string Source { get; }

    public string Repository { get; }

    public string Data => Path.Combine(Repository, "rdiff-backup-data");

    public Programs.Result Run(params string[] arguments) => Programs.Run(Root, Programs.Rdiffsharp, arguments);

    /// <summary>Every name under rdiff-backup-data with its size, to see that a refused command wrote nothing.</summary>
    public string[] DataListing() =>
        [.. Directory.GetFileSystemEntries(Data, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .Select(p => File.Exists(p) ? $"{p} {new FileInfo(p).Length}" : p)];

    /// <summary>One line on standard error, starting "rdiffsharp: ", and no stack frame.</summary>
    public static void AssertOneLine(Programs.Result result, int code)
    {
        Assert.That(result.Error, Does.Not.Contain("   at "), "no stack trace");
        Assert.That(result.Error, Does.Not.Contain("Unhandled exception"));
        Assert.That(result.Error.TrimEnd('\n').Split('\n'), Has.Length.EqualTo(1), result.Error);
        Assert.That(result.Error, Does.StartWith("rdiffsharp: "));
        Assert.That(result.Code, Is.EqualTo(code), result.Error);
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
