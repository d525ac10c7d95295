using RdiffCli.Tests.Support;

namespace RdiffCli.Tests;

/// <summary>
/// `--api-version 201` next to rdiff-backup 2.2.2: compare's and verify's exit codes (its bit flags
/// there), compare's YAML list under --parsable-output, and `info` naming the API version in use.
/// </summary>
public sealed class ApiVersion201Tests
{
    private const string T1 = "1000000000", T2 = "1000001000";

    [TestCase("rdiff-backup")]
    [TestCase("rdiffsharp")]
    public void Compare_exits_8_and_lists_the_differences_in_yaml_as_rdiff_backup(string writer)
    {
        using var work = new Work(writer);
        // A new, a deleted and a changed file, names YAML must quote, and the root's own mtime.
        File.WriteAllText(Path.Combine(work.Source, "changed"), "other bytes, same size?");
        File.SetLastWriteTimeUtc(Path.Combine(work.Source, "changed"), DateTime.UnixEpoch.AddSeconds(999_999_000));
        File.Delete(Path.Combine(work.Source, "gone"));
        string longName = string.Concat(Enumerable.Range(0, 14).Select(i => $"word {i} ")) + "end";
        foreach (string name in new[] { "new: file", "no", "007", "#hash", "- dash", "é", "it's", longName, "é " + longName })
        {
            File.WriteAllText(Path.Combine(work.Source, name), name);
        }
        Programs.Succeed(work.Root, "bash", "-c", "printf x > src/$'\\xff'raw");
        Directory.SetLastWriteTimeUtc(work.Source, DateTime.UnixEpoch.AddSeconds(999_000_000));

        foreach (string[] method in new[] { Array.Empty<string>(), ["--method", "hash"], ["--method", "full"] })
        {
            foreach (string[] parsable in new[] { ["--parsable-output"], Array.Empty<string>() })
            {
                string[] command = ["--api-version", "201", .. parsable, "compare", .. method, work.Source, work.Repo];
                Programs.Result ours = Programs.Run(work.Root, Programs.Rdiffsharp, command);
                Programs.Result theirs = Programs.Run(work.Root, "rdiff-backup", command);
                Assert.That(theirs.Code, Is.EqualTo(8), theirs.Error);
                Assert.That((ours.Code, ours.Output), Is.EqualTo((theirs.Code, theirs.Output)), string.Join(' ', command) + "\n" + ours.Error);
                Assert.That(ours.Error, Is.EqualTo(Unwrapped(theirs.Error)));
            }
        }
        Programs.Result yaml = Programs.Run(work.Root, Programs.Rdiffsharp, "--api-version", "201", "--parsable-output", "compare", work.Source, work.Repo);
        Assert.That(yaml.Output, Does.StartWith("---\n- path: .\n  reason: changed\n- path: '#hash'\n  reason: new\n"), "a test that can fail");
        Assert.That(yaml.Output, Does.Contain("- path: \"\\uFFFDraw\"\n  reason: new\n").And.Contain("- path: gone\n  reason: deleted\n"));
        Assert.That(yaml.Output, Does.Contain("\n    "), "a long name is folded as PyYAML folds it");
    }

    [TestCase("rdiff-backup")]
    [TestCase("rdiffsharp")]
    public void Compare_without_differences_and_with_api_200_is_as_rdiff_backup(string writer)
    {
        using var work = new Work(writer);
        string[][] commands =
        [
            ["--api-version", "201", "--parsable-output", "compare", work.Source, work.Repo],
            ["--api-version", "201", "compare", "--method", "full", work.Source, work.Repo],
        ];
        foreach (string[] command in commands)
        {
            Programs.Result ours = Programs.Run(work.Root, Programs.Rdiffsharp, command);
            Programs.Result theirs = Programs.Run(work.Root, "rdiff-backup", command);
            Assert.That((ours.Code, ours.Output, ours.Error), Is.EqualTo((0, theirs.Output, theirs.Error)), string.Join(' ', command));
        }
        Assert.That(Programs.Run(work.Root, Programs.Rdiffsharp, commands[0]).Output, Does.StartWith("--- []\n...\n\n"));

        // API 200 (the default) ignores --parsable-output and exits 1 on differences, as rdiff-backup 2.2 does.
        File.Delete(Path.Combine(work.Source, "gone"));
        foreach (string[] command in new[] { ["--parsable-output", "compare", work.Source, work.Repo], new[] { "--api-version", "200", "--parsable-output", "compare", work.Source, work.Repo } })
        {
            Programs.Result ours = Programs.Run(work.Root, Programs.Rdiffsharp, command);
            Programs.Result theirs = Programs.Run(work.Root, "rdiff-backup", command);
            Assert.That((ours.Code, ours.Output, ours.Error), Is.EqualTo((1, theirs.Output, theirs.Error)), string.Join(' ', command));
        }
    }

    [TestCase("rdiff-backup")]
    [TestCase("rdiffsharp")]
    public void Verify_exits_4_for_a_bad_file_8_for_a_file_without_hash_and_12_for_both(string writer)
    {
        using var work = new Work(writer);
        string[] verify = ["--api-version", "201", "verify", work.Repo];
        Programs.Result clean = Programs.Run(work.Root, Programs.Rdiffsharp, verify);
        Assert.That((clean.Code, clean.Output, clean.Error), Is.EqualTo((0, Unwrapped(Programs.Run(work.Root, "rdiff-backup", verify).Output), "")));

        File.AppendAllText(Path.Combine(work.Repo, "changed"), "damage");
        Same(work, verify, 4);

        // The digest of one file dropped from the metadata (as metadata written before 1.1.1 has none).
        string metadata = Programs.DataFile(work.Repo, "mirror_metadata." + Names.T2);
        Programs.Succeed(work.Root, "python3", "-c", """
            import gzip, sys
            lines = gzip.open(sys.argv[1], "rb").read().split(b"\n")
            out, skip = [], False
            for line in lines:
                if line.startswith(b"File "):
                    skip = line == b"File gone"
                if not (skip and line.startswith(b"  SHA1Digest ")):
                    out.append(line)
            gzip.open(sys.argv[1], "wb").write(b"\n".join(out))
            """, metadata);
        Same(work, verify, 12);
        File.WriteAllText(Path.Combine(work.Repo, "changed"), File.ReadAllText(Path.Combine(work.Source, "changed")));
        Same(work, verify, 8);
    }

    [Test]
    public void Info_reports_the_api_version_in_use_as_rdiff_backup()
    {
        foreach (string[] command in new[] { ["--api-version", "201", "info"], ["--api-version", "200", "info"], new[] { "info" } })
        {
            Programs.Result ours = Programs.Run(Path.GetTempPath(), Programs.Rdiffsharp, command);
            Programs.Result theirs = Programs.Run(Path.GetTempPath(), "rdiff-backup", command);
            Assert.That(ours.Code, Is.Zero, ours.Error);
            // The api_version block and the arguments after the program's own path.
            Assert.That(Exec(ours.Output), Is.EqualTo(Exec(theirs.Output)), string.Join(' ', command));
        }
        Assert.That(Programs.Run(Path.GetTempPath(), Programs.Rdiffsharp, "--api-version", "201", "info").Output, Does.Contain("    actual: 201\n"));
    }

    [Test]
    public void An_api_version_out_of_range_is_fatal_for_every_action_as_in_rdiff_backup()
    {
        using var work = new Work("rdiffsharp");
        foreach (string[] command in new[] { ["--api-version", "202", "info"], ["--api-version", "199", "verify", work.Repo], new[] { "--api-version", "202", "restore", "--at", T1, work.Repo, Path.Combine(work.Root, "out") } })
        {
            Programs.Result ours = Programs.Run(work.Root, Programs.Rdiffsharp, command);
            Programs.Result theirs = Programs.Run(work.Root, "rdiff-backup", command);
            Assert.That(theirs.Code, Is.EqualTo(ExitCodes.Fatal), theirs.Error);
            Assert.That((ours.Code, ours.Output), Is.EqualTo((theirs.Code, "")), string.Join(' ', command));
            Assert.That(ours.Error, Does.StartWith($"rdiffsharp: --api-version {command[1]} is not supported: it must be between 200 and 201"));
        }
        Assert.That(Directory.Exists(Path.Combine(work.Root, "out")), Is.False);
    }

    private static string Exec(string yaml)
    {
        string[] lines = yaml.Split('\n');
        int argv = Array.IndexOf(lines, "  argv:");
        return string.Join('\n', lines[1..(argv + 1)].Concat(lines[(argv + 2)..].TakeWhile(l => l.StartsWith("  - ", StringComparison.Ordinal))));
    }

    private static void Same(Work work, string[] command, int code)
    {
        Programs.Result ours = Programs.Run(work.Root, Programs.Rdiffsharp, command);
        Programs.Result theirs = Programs.Run(work.Root, "rdiff-backup", command);
        Assert.That(theirs.Code, Is.EqualTo(code), theirs.Error);
        Assert.That((ours.Code, ours.Output), Is.EqualTo((theirs.Code, Unwrapped(theirs.Output))), ours.Error);
        Assert.That(ours.Error, Is.EqualTo(Unwrapped(theirs.Error)));
    }

    // rdiff-backup's API 201 log wraps its lines at 80 columns with a 9-space indent; ours are not wrapped.
    private static string Unwrapped(string error) => error.Replace("\n         ", " ", StringComparison.Ordinal);

    private static class Names
    {
        public const string T2 = "2001-09-09T02:03:20Z";
    }

    /// <summary>A source and a repository of two API 201 backups (so that it has lock.yml, and rdiff-backup prints no note about it).</summary>
    private sealed class Work : IDisposable
    {
        public Work(string writer)
        {
            Root = Directory.CreateTempSubdirectory("rdiffsharp-api201-").FullName;
            Source = Path.Combine(Root, "src");
            Repo = Path.Combine(Root, "repo");
            Directory.CreateDirectory(Source);
            File.WriteAllText(Path.Combine(Source, "changed"), "first version of it");
            File.WriteAllText(Path.Combine(Source, "gone"), "soon gone");
            string program = writer == "rdiffsharp" ? Programs.Rdiffsharp : writer;
            Programs.Succeed(Root, program, "--api-version", "201", "--current-time", T1, "backup", Source, Repo);
            File.WriteAllText(Path.Combine(Source, "changed"), "second version of it");
            Programs.Succeed(Root, program, "--api-version", "201", "--current-time", T2, "backup", Source, Repo);
        }

        public string Root { get; }

        public string Source { get; }

        public string Repo { get; }

        // .NET cannot name a non-UTF-8 file; rm can.
        public void Dispose() => Programs.Succeed("/", "rm", "-rf", Root);
    }
}
