using RdiffCli.Tests.History;
using RdiffCli.Tests.Support;

namespace RdiffCli.Tests.Safety;

/// <summary>
/// A source file may carry the very name a later backup picks for its temp files
/// (rdiff-backup.tmp.&lt;pid × 1000 + n&gt;, beside the mirror file). Such a mirror file is not the
/// backup's to remove: on EEXIST the next name is taken. The second backup runs under a shell that
/// names the source files after its own pid and then exec's rdiffsharp, which keeps that pid.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class TempNameTests
{
    private const int Taken = 12;

    [Test]
    public void Mirror_files_named_like_the_next_temp_files_survive_a_backup()
    {
        string root = Directory.CreateTempSubdirectory("rdiffsharp-tempnames-").FullName;
        try
        {
            string src = Path.Combine(root, "src");
            Directory.CreateDirectory(src);
            // The shell's pid is the second backup's: the files are named for it, the first backup
            // (a child, another pid) puts them in the mirror, then the files change and the shell
            // exec's the second backup, whose temp names start at pid × 1000.
            string script = $$"""
                set -e
                base=$(($$ * 1000))
                i=0
                while [ $i -lt {{Taken}} ]; do
                    printf 'named like temp %d\n' $i > "src/rdiff-backup.tmp.$((base + i))"
                    i=$((i + 1))
                done
                printf 'old a\n' > src/a
                printf 'old z\n' > src/z
                "$0" backup --current-time 1700000000 src repo
                printf 'new a, longer\n' > src/a
                printf 'new z, longer\n' > src/z
                printf 'new file\n' > src/new
                exec "$0" backup --current-time 1700001000 src repo
                """;
            Programs.Result run = Programs.Run(root, "sh", "-c", script, Programs.Rdiffsharp);
            Assert.Multiple(() =>
            {
                Assert.That(run.Code, Is.Zero, run.Error);
                Assert.That(run.Error, Is.Empty);
            });
            Assert.That(Directory.GetFiles(src, "rdiff-backup.tmp.*"), Has.Length.EqualTo(Taken));

            Programs.Succeed(root, Programs.Rdiffsharp, "restore", "--at", "now", "repo", "now");
            Assert.That(TreeListing.Of(Path.Combine(root, "now")), Is.EqualTo(TreeListing.Of(src)), "the latest backup restores exactly");
            Programs.Succeed(root, Programs.Rdiffsharp, "restore", "--at", "1700000000", "repo", "then");
            foreach (string file in Directory.GetFiles(src, "rdiff-backup.tmp.*"))
            {
                Assert.That(File.ReadAllText(Path.Combine(root, "then", Path.GetFileName(file))), Is.EqualTo(File.ReadAllText(file)));
            }
            Assert.That(File.ReadAllText(Path.Combine(root, "then", "a")), Is.EqualTo("old a\n"));
            Programs.Succeed(root, Programs.Rdiffsharp, "verify", "repo");
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>
    /// A restore rebuilds "z" as of the first session from a gzipped snapshot and a reverse delta,
    /// through an intermediate file named rdiff-backup.tmp.&lt;pid&gt;.N beside it, where files of
    /// the backup with those names were restored just before.
    /// </summary>
    [Test]
    public void Restored_files_named_like_the_restore_temp_files_survive_it()
    {
        string root = Directory.CreateTempSubdirectory("rdiffsharp-tempnames-").FullName;
        try
        {
            string src = Path.Combine(root, "src");
            Directory.CreateDirectory(src);
            string script = $$"""
                set -e
                i=0
                while [ $i -lt {{Taken}} ]; do
                    printf 'named like temp %d\n' $i > "src/rdiff-backup.tmp.$$.$i"
                    i=$((i + 1))
                done
                printf 'first version of z, long enough to make a delta worth it\n' > src/z
                "$0" backup --current-time 1700000000 src repo
                printf 'second version of z, long enough to make a delta worth it\n' > src/z
                "$0" backup --current-time 1700001000 src repo
                rm src/z
                "$0" backup --current-time 1700002000 src repo
                printf 'fourth\n' > src/z
                "$0" backup --current-time 1700003000 src repo
                exec "$0" restore --at 1700000000 repo out
                """;
            Programs.Result run = Programs.Run(root, "sh", "-c", script, Programs.Rdiffsharp);
            Assert.Multiple(() =>
            {
                Assert.That(run.Code, Is.Zero, run.Error);
                Assert.That(run.Error, Is.Empty);
            });
            string[] names = [.. Directory.GetFiles(src, "rdiff-backup.tmp.*").Select(Path.GetFileName).Order(StringComparer.Ordinal)!];
            Assert.That(names, Has.Length.EqualTo(Taken));
            Assert.That(Directory.GetFileSystemEntries(Path.Combine(root, "out")).Select(Path.GetFileName).Order(StringComparer.Ordinal),
                Is.EqualTo(names.Append("z").Order(StringComparer.Ordinal)), "nothing lost, no temp file left");
            foreach (string name in names)
            {
                Assert.That(File.ReadAllText(Path.Combine(root, "out", name)), Is.EqualTo(File.ReadAllText(Path.Combine(src, name))));
            }
            Assert.That(File.ReadAllText(Path.Combine(root, "out", "z")), Is.EqualTo("first version of z, long enough to make a delta worth it\n"));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
