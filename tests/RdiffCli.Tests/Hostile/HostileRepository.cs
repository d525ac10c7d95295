using System.IO.Compression;
using System.Text;
using RdiffCli.Tests.Support;

namespace RdiffCli.Tests.Hostile;

/// <summary>
/// A fresh temp directory holding a source tree, a repository of three rdiffsharp backups of it,
/// and a sentinel tree beside them (a directory "victim" and a file "victimfile") that nothing may
/// touch. Tests damage the repository by hand and run the real rdiffsharp on it.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
internal sealed class HostileRepository : IDisposable
{
    public const string T1 = "1000000000", T2 = "1000001000", T3 = "1000002000", T4 = "1000003000";
    public const string T1Name = "2001-09-09T01:46:40Z", T2Name = "2001-09-09T02:03:20Z", T3Name = "2001-09-09T02:20:00Z", T4Name = "2001-09-09T02:36:40Z";

    public HostileRepository()
    {
        Root = Directory.CreateTempSubdirectory("rdiffsharp-hostile-").FullName;
        Directory.CreateDirectory(Path.Combine(Victim, "tree"));
        File.WriteAllText(Path.Combine(Victim, "keep"), "keep me\n");
        File.WriteAllText(Path.Combine(Victim, "tree", "x"), "x\n");
        File.WriteAllText(VictimFile, "victim file\n");
        File.SetUnixFileMode(Path.Combine(Victim, "tree"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        Directory.CreateDirectory(Path.Combine(Source, "d"));
        Directory.CreateDirectory(Path.Combine(Source, "e"));
        var random = new Random(11);
        byte[] big = new byte[100_000];
        random.NextBytes(big);
        File.WriteAllText(Path.Combine(Source, "f"), "version 1\n");
        File.WriteAllText(Path.Combine(Source, "d", "g"), "g\n");
        File.WriteAllBytes(Path.Combine(Source, "d", "h"), big);
        File.WriteAllText(Path.Combine(Source, "gone"), new string('g', 3000));
        File.WriteAllText(Path.Combine(Source, "other"), new string('o', 2000));
        File.CreateSymbolicLink(Path.Combine(Source, "link"), "f");
        Backup(T1);
        big[500] ^= 1;
        File.WriteAllBytes(Path.Combine(Source, "d", "h"), big);
        File.WriteAllText(Path.Combine(Source, "f"), "version 2\n");
        File.Delete(Path.Combine(Source, "gone"));
        File.Delete(Path.Combine(Source, "other"));
        Backup(T2);
        big[90_000] ^= 1;
        File.WriteAllBytes(Path.Combine(Source, "d", "h"), big);
        File.WriteAllText(Path.Combine(Source, "f"), "version 3\n");
        Backup(T3);
    }

    public string Root { get; }

    public string Source => Path.Combine(Root, "src");

    public string Repo => Path.Combine(Root, "repo");

    public string Target => Path.Combine(Root, "out");

    public string Victim => Path.Combine(Root, "victim");

    public string VictimFile => Path.Combine(Root, "victimfile");

    public string Data => Path.Combine(Repo, "rdiff-backup-data");

    public string NewestSnapshot => Directory.GetFiles(Data, "mirror_metadata.*.snapshot.gz").Single();

    public Programs.Result Run(params string[] arguments) => Programs.Run(Root, Programs.Rdiffsharp, arguments);

    /// <summary>Everything in the temp directory but the repository and the restore target, the directory itself included: type, mode, owner, content or link target.</summary>
    public List<string> Outside() => Listing.Of(Root, [Repo, Target]);

    /// <summary>The mirror as it lies on disk, rdiff-backup-data left out.</summary>
    public List<string> Mirror() => Listing.Of(Repo, [Data]);

    /// <summary>The names and contents of rdiff-backup-data, the logs left out (a refused command still logs).</summary>
    public List<string> Bookkeeping() =>
        [.. Listing.Of(Data, []).Where(line => !line.Contains(".log ", StringComparison.Ordinal) && !line.StartsWith(". ", StringComparison.Ordinal))];

    /// <summary>Rewrites a gzip metadata file through <paramref name="edit"/> on its text (Latin-1, so every byte survives), gzipped again with a valid trailer.</summary>
    public static void EditGzip(string file, Func<string, string> edit)
    {
        string text;
        using (var input = new GZipStream(File.OpenRead(file), CompressionMode.Decompress))
        using (var reader = new StreamReader(input, Encoding.Latin1))
        {
            text = reader.ReadToEnd();
        }
        WriteGzip(file, Encoding.Latin1.GetBytes(edit(text)));
    }

    public static void WriteGzip(string file, byte[] data)
    {
        using var output = new GZipStream(File.Create(file), CompressionLevel.Fastest);
        output.Write(data);
    }

    /// <summary>Inserts records just after the root's record.</summary>
    public static string AfterRoot(string text, string records)
    {
        int next = text.IndexOf("\nFile ", StringComparison.Ordinal);
        return text[..(next + 1)] + records + text[(next + 1)..];
    }

    /// <summary>No stack trace, and one line that names <paramref name="file"/>.</summary>
    public static void AssertNamed(Programs.Result result, string file)
    {
        Assert.That(result.Error, Does.Not.Contain("   at "), "no stack trace");
        Assert.That(result.Error.Split('\n'), Has.Some.Contain(file), result.Error);
    }

    public void Dispose()
    {
        try
        {
            Programs.Run("/", "chmod", "-R", "u+rwx", Root);
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS's temp cleaning.
        }
    }

    private void Backup(string time) => Programs.Succeed(Root, Programs.Rdiffsharp, "backup", "--current-time", time, Source, Repo);
}
