using System.Diagnostics;
using System.Text;
using RdiffCli.Tests.Support;
using static RdiffCli.Tests.Hostile.HostileRepository;

namespace RdiffCli.Tests.Hostile;

/// <summary>
/// One valid repository, then many copies of it, each with one seeded mutation (bit flips, a cut,
/// inserted or deleted bytes) in a metadata file (gunzipped and gzipped again with a valid trailer
/// so that the parser sees the damage, or raw), an increment or a current_mirror marker. On each,
/// restore (now and oldest), verify and list increments must not crash, hang, write beside the
/// repository or exit 0 with files missing that the sound repository restores. A failure prints
/// the seed and the mutation; set RDIFFSHARP_FUZZ_SEED to replay one.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class RepositoryFuzzTests
{
    private const int Cases = 45;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    [Test]
    public void Mutated_repositories_never_crash_hang_escape_or_lose_files_silently()
    {
        Programs.RequireRoot();
        int seed = int.TryParse(Environment.GetEnvironmentVariable("RDIFFSHARP_FUZZ_SEED"), out int given) ? given : 20261203;
        using var sound = new HostileRepository();
        var expected = new Dictionary<string, List<string>>();
        foreach (string at in new[] { "now", T1 })
        {
            string target = Path.Combine(sound.Root, $"reference-{at}");
            Programs.Succeed(sound.Root, Programs.Rdiffsharp, "restore", "--at", at, sound.Repo, target);
            expected[at] = Entries(target);
        }
        var random = new Random(seed);
        var failures = new List<string>();
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < Cases; i++)
        {
            string work = Path.Combine(sound.Root, $"case{i}");
            string repo = Path.Combine(work, "repo");
            Directory.CreateDirectory(Path.Combine(work, "victim"));
            File.WriteAllText(Path.Combine(work, "victim", "keep"), "keep\n");
            File.WriteAllText(Path.Combine(work, "victimfile"), "victim\n");
            Programs.Succeed("/", "cp", "-a", sound.Repo, repo);
            string mutation = Mutate(repo, random);
            List<string> outside = Listing.Of(work, [repo, Path.Combine(work, "out-now"), Path.Combine(work, $"out-{T1}")]);
            var problems = new List<string>();
            foreach (string at in new[] { "now", T1 })
            {
                string target = Path.Combine(work, $"out-{at}");
                (Programs.Result restore, bool hung) = Run(work, "restore", "--at", at, repo, target);
                Check($"restore --at {at}", restore, hung, problems);
                List<string> missing = [.. expected[at].Except(Directory.Exists(target) ? Entries(target) : [])];
                if (restore.Code == 0 && missing.Count > 0)
                {
                    problems.Add($"restore --at {at} exited 0 without {string.Join(", ", missing)}");
                }
            }
            (Programs.Result verify, bool verifyHung) = Run(work, "verify", repo);
            Check("verify", verify, verifyHung, problems);
            (Programs.Result list, bool listHung) = Run(work, "list", "increments", repo);
            Check("list increments", list, listHung, problems);
            if (!Listing.Of(work, [repo, Path.Combine(work, "out-now"), Path.Combine(work, $"out-{T1}")]).SequenceEqual(outside))
            {
                problems.Add("something beside the repository and the targets changed");
            }
            if (problems.Count > 0)
            {
                failures.Add($"seed {seed}, case {i}, {mutation}: {string.Join("; ", problems)}");
            }
            Programs.Run("/", "rm", "-rf", work);
        }
        TestContext.Out.WriteLine($"{Cases} mutated repositories in {clock.Elapsed.TotalSeconds:F1} s (seed {seed})");
        Assert.That(failures, Is.Empty, string.Join("\n", failures));
    }

    private static void Check(string what, Programs.Result result, bool hung, List<string> problems)
    {
        if (hung)
        {
            problems.Add($"{what} did not finish within {Timeout.TotalSeconds} s");
        }
        if (result.Error.Contains("   at ", StringComparison.Ordinal) || result.Output.Contains("   at ", StringComparison.Ordinal))
        {
            problems.Add($"{what} printed a stack trace: {result.Error.Split('\n')[0]}");
        }
    }

    /// <summary>Applies one mutation to a file of the repository; returns what it did, for replaying.</summary>
    private static string Mutate(string repo, Random random)
    {
        string data = Path.Combine(repo, "rdiff-backup-data");
        string[] metadata = Directory.GetFiles(data, "mirror_metadata.*");
        string[] increments = [.. Directory.GetFiles(Path.Combine(data, "increments"), "*", SearchOption.AllDirectories), .. Directory.GetFiles(data, "increments.*")];
        string[] markers = Directory.GetFiles(data, "current_mirror.*");
        Array.Sort(metadata, StringComparer.Ordinal);
        Array.Sort(increments, StringComparer.Ordinal);
        int pick = random.Next(10);
        string file = pick < 6 ? metadata[random.Next(metadata.Length)]
            : pick < 9 ? increments[random.Next(increments.Length)]
            : markers[0];
        bool inside = file.EndsWith(".gz", StringComparison.Ordinal) && random.Next(3) > 0;
        byte[] bytes = File.ReadAllBytes(file);
        if (inside)
        {
            bytes = Gunzip(file);
        }
        (byte[] mutated, string how) = Change(bytes, random);
        if (inside)
        {
            WriteGzip(file, mutated);
        }
        else
        {
            File.WriteAllBytes(file, mutated);
        }
        return $"{how} {(inside ? "inside" : "of")} {Path.GetRelativePath(repo, file)}";
    }

    private static (byte[] Bytes, string How) Change(byte[] bytes, Random random)
    {
        int at = random.Next(bytes.Length + 1);
        switch (random.Next(4))
        {
            case 0 when bytes.Length > 0:
                at = Math.Min(at, bytes.Length - 1);
                int bit = random.Next(8);
                bytes[at] ^= (byte)(1 << bit);
                return (bytes, $"bit {bit} flipped at {at}");
            case 1:
                return (bytes[..at], $"cut at {at}");
            case 2:
                byte[] inserted = new byte[1 + random.Next(16)];
                random.NextBytes(inserted);
                if (random.Next(2) == 0)
                {
                    // Text that parses, so that records themselves change.
                    string[] pieces = ["File ", "\n", "/", "..", "  Type dir\n", "  Type sym\n", "  Size 99999999999\n", "  AlternateMirrorName 1\n", "d/"];
                    inserted = Encoding.ASCII.GetBytes(pieces[random.Next(pieces.Length)]);
                }
                return ([.. bytes[..at], .. inserted, .. bytes[at..]], $"{inserted.Length} bytes inserted at {at} ({Convert.ToHexString(inserted)})");
            default:
                int count = Math.Min(1 + random.Next(16), bytes.Length - Math.Min(at, bytes.Length));
                at = Math.Min(at, bytes.Length);
                return ([.. bytes[..at], .. bytes[(at + count)..]], $"{count} bytes deleted at {at}");
        }
    }

    private static byte[] Gunzip(string file)
    {
        using var input = new System.IO.Compression.GZipStream(File.OpenRead(file), System.IO.Compression.CompressionMode.Decompress);
        using var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }

    /// <summary>Every path below a restored tree, symlinks not followed, for "which files are missing".</summary>
    private static List<string> Entries(string root) =>
        [.. Programs.Run("/", "find", root, "-mindepth", "1", "-printf", "%P\n").Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal)];

    private static (Programs.Result Result, bool Hung) Run(string directory, params string[] arguments)
    {
        var start = new ProcessStartInfo(Programs.Rdiffsharp)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["TZ"] = "UTC";
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using Process process = Process.Start(start)!;
        Task<string> error = process.StandardError.ReadToEndAsync();
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        bool hung = !process.WaitForExit(Timeout);
        if (hung)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
        return (new Programs.Result(process.ExitCode, output.Result, error.Result), hung);
    }
}
