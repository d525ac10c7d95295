using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using RdiffCli.Tests.Support;

namespace RdiffCli.Tests.Hostile;

/// <summary>
/// A source directory swapped again and again with a symlink to a directory outside the source
/// (renameat2 RENAME_EXCHANGE in a tight loop) while backups run: nothing from outside may ever
/// reach the repository, and no backup may fail for it.
/// </summary>
public sealed class SourceRaceTests
{
    private const int Backups = 6;
    private const long T0 = 1700000000;

    private const int Swapped = 8;

    // Swaps pairs of names atomically for as long as it runs (python3's os has no RENAME_EXCHANGE: ctypes).
    // Each state lasts a little while, long enough for a walk to list a directory and lstat its
    // names in one state, and short enough to change between the lstat of a name and its listing.
    private const string Swapper = """
        import ctypes, sys, time
        libc = ctypes.CDLL(None, use_errno=True)
        names = [n.encode() for n in sys.argv[1:]]
        pairs = list(zip(names[0::2], names[1::2]))
        exchange = libc.renameat2
        print("swapping", flush=True)
        while True:
            for a, b in pairs:
                exchange(-100, a, -100, b, 2)
            time.sleep(0.002)
        """;

    [Test]
    public void A_directory_swapped_for_a_symlink_during_backups_never_lets_anything_from_outside_in()
    {
        Programs.RequireRoot();
        string root = Directory.CreateTempSubdirectory("rdiffsharp-race-").FullName;
        try
        {
            string src = Path.Combine(root, "src"), outside = Path.Combine(root, "outside");
            Directory.CreateDirectory(outside);
            for (int i = 0; i < 300; i++)
            {
                File.WriteAllText(Path.Combine(outside, $"leak-secret-{i:D3}"), $"LEAKED-CONTENT {i}");
            }
            Directory.CreateDirectory(Path.Combine(outside, "leak-secret-dir"));
            File.WriteAllText(Path.Combine(outside, "leak-secret-dir", "leak-secret-nested"), "LEAKED-CONTENT nested");
            var swapped = new List<string>();
            for (int d = 0; d < Swapped; d++)
            {
                Directory.CreateDirectory(Path.Combine(src, $"d{d}"));
                for (int i = 0; i < 100; i++)
                {
                    File.WriteAllText(Path.Combine(src, $"d{d}", $"inside-{i:D3}"), $"inside {d} {i}");
                }
                File.CreateSymbolicLink(Path.Combine(root, $"link{d}"), outside);
                swapped.AddRange([Path.Combine(src, $"d{d}"), Path.Combine(root, $"link{d}")]);
            }
            File.WriteAllText(Path.Combine(src, "steady"), "steady");

            using (Process swapper = StartSwapper(root, swapped))
            {
                try
                {
                    for (int i = 0; i < Backups; i++)
                    {
                        Programs.Result run = Programs.Run(root, Programs.Rdiffsharp, "--current-time", (T0 + 100 * i).ToString(), "backup", "src", "repo");
                        Assert.That(run.Code, Is.AnyOf(ExitCodes.Success, ExitCodes.FileErrors), $"backup {i}: {run.Error}");
                    }
                }
                finally
                {
                    swapper.Kill();
                    swapper.WaitForExit();
                }
            }

            string repo = Path.Combine(root, "repo");
            AssertNothingFromOutside(repo);
            Programs.Result status = Programs.Run(root, Programs.Rdiffsharp, "status", "--parsable-output", "repo");
            Assert.That(status.Output.Split('\n'), Does.Contain("state: finished"), status.Output + status.Error);
            for (int i = 0; i < Backups; i++)
            {
                string target = Path.Combine(root, $"restored-{i}");
                Programs.Succeed(root, Programs.Rdiffsharp, "restore", "--at", (T0 + 100 * i).ToString(), "repo", target);
                AssertNothingFromOutside(target);
                Assert.That(File.ReadAllText(Path.Combine(target, "steady")), Is.EqualTo("steady"));
            }
        }
        finally
        {
            Programs.Run("/", "rm", "-rf", root);
        }
    }

    private static Process StartSwapper(string directory, List<string> pairs)
    {
        var start = new ProcessStartInfo("python3") { WorkingDirectory = directory, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (string argument in new[] { "-c", Swapper }.Concat(pairs))
        {
            start.ArgumentList.Add(argument);
        }
        Process swapper = Process.Start(start)!;
        Assert.That(swapper.StandardOutput.ReadLine(), Is.EqualTo("swapping"));
        return swapper;
    }

    /// <summary>No name and no content (gunzipped where compressed) below <paramref name="tree"/> comes from the outside directory; symlinks are not followed.</summary>
    private static void AssertNothingFromOutside(string tree)
    {
        foreach (string entry in Directory.EnumerateFileSystemEntries(tree))
        {
            Assert.That(Path.GetFileName(entry), Does.Not.Contain("leak-secret"), entry);
            var info = new FileInfo(entry);
            if (info.LinkTarget is not null)
            {
                continue;
            }
            if ((info.Attributes & FileAttributes.Directory) != 0)
            {
                AssertNothingFromOutside(entry);
                continue;
            }
            Assert.That(Read(entry), Does.Not.Contain("leak-secret").And.Not.Contain("LEAKED-CONTENT"), entry);
        }
    }

    private static string Read(string file)
    {
        using Stream raw = File.OpenRead(file);
        using Stream data = file.EndsWith(".gz", StringComparison.Ordinal) ? new GZipStream(raw, CompressionMode.Decompress) : raw;
        using var copy = new MemoryStream();
        data.CopyTo(copy);
        return Encoding.Latin1.GetString(copy.ToArray());
    }
}
