using RdiffCli.Tests.History;
using RdiffCli.Tests.Support;

namespace RdiffCli.Tests;

/// <summary>
/// A repository without mirror_metadata files (very old, or the metadata lost; issue 12, item 6):
/// the tree as of an older backup is read from the mirror and the increments, each entry with the
/// owner, mode and mtime its increment carries, as rdiff-backup 2.2.2 reads it. Where rdiff-backup
/// manages (only changed files), the trees and exit codes are the same side by side; where it
/// fails (a file added or deleted since: it stops with exit 1), the tree is the one rdiff-backup
/// restores from the same repository with its metadata.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class NoMetadataRestoreTests
{
    private const string T1 = "10000", T2 = "20000";

    [TestCase(T1)]
    [TestCase(T2)]
    public void Changed_files_restore_as_rdiff_backup_restores_them(string at)
    {
        Programs.RequireRoot();
        string root = Directory.CreateTempSubdirectory("rdiffsharp-nometa-").FullName;
        try
        {
            string s = Path.Combine(root, "s");
            Directory.CreateDirectory(Path.Combine(s, "d"));
            File.WriteAllText(Path.Combine(s, "f"), "one\n");
            File.WriteAllText(Path.Combine(s, "d", "g"), "sub\n");
            Programs.Succeed(root, "chmod", "640", Path.Combine(s, "f"));
            Programs.Succeed(root, "chown", "nobody", Path.Combine(s, "d", "g"));
            Programs.Succeed(root, "touch", "-d", "@5000", Path.Combine(s, "f"), Path.Combine(s, "d", "g"), Path.Combine(s, "d"));
            Programs.Succeed(root, "rdiff-backup", "--current-time", T1, "backup", "s", "bak");
            File.WriteAllText(Path.Combine(s, "f"), "one, then two\n");
            File.WriteAllText(Path.Combine(s, "d", "g"), "sub, longer\n");
            Programs.Succeed(root, "chmod", "600", Path.Combine(s, "f"));
            Programs.Succeed(root, "touch", "-d", "@6000", Path.Combine(s, "d"));
            Programs.Succeed(root, "rdiff-backup", "--current-time", T2, "backup", "s", "bak");
            DeleteMetadata(Path.Combine(root, "bak"));

            Programs.Result theirs = Programs.Run(root, "rdiff-backup", "restore", "--at", at, "bak", "theirs");
            Programs.Result ours = Programs.Run(root, Programs.Rdiffsharp, "restore", "--at", at, "bak", "ours");
            Assert.Multiple(() =>
            {
                Assert.That(ours.Code, Is.EqualTo(theirs.Code), $"rdiff-backup said: {theirs.Error}; we said: {ours.Error}");
                Assert.That(TreeListing.Of(Path.Combine(root, "ours")), Is.EqualTo(TreeListing.Of(Path.Combine(root, "theirs"))));
                Assert.That(ours.Error, Does.Contain("no mirror_metadata file"), "the fallback is announced, as rdiff-backup warns");
            });
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [TestCase(T1, "bak")]
    [TestCase(T2, "bak")]
    [TestCase(T1, "bak/d")]
    [TestCase(T1, "bak/gone")]
    [TestCase(T1, "bak/old")]
    [TestCase(T1, "bak/link")]
    [TestCase("", "bak/rdiff-backup-data/increments.*.dir")]
    [TestCase("", "bak/rdiff-backup-data/increments/gone.*.dir")]
    public void Added_and_deleted_entries_restore_as_the_metadata_said(string at, string location)
    {
        Programs.RequireRoot();
        string root = Directory.CreateTempSubdirectory("rdiffsharp-nometa-").FullName;
        try
        {
            MakeRepository(root);
            string given = location.Contains('*', StringComparison.Ordinal)
                ? Path.GetRelativePath(root, Directory.GetFileSystemEntries(Path.Combine(root, Path.GetDirectoryName(location)!), Path.GetFileName(location)).Single())
                : location;
            string[] time = at.Length == 0 ? [] : ["--at", at];

            Programs.Result truth = Programs.Run(root, "rdiff-backup", ["restore", .. time, "with-metadata" + given[3..], "truth"]);
            Assert.That(truth.Code, Is.Zero, truth.Error);
            Programs.Result ours = Programs.Run(root, Programs.Rdiffsharp, ["restore", .. time, given, "ours"]);
            Assert.Multiple(() =>
            {
                Assert.That(ours.Code, Is.Zero, ours.Error);
                Assert.That(Listing(Path.Combine(root, "ours")), Is.EqualTo(Listing(Path.Combine(root, "truth"))));
            });
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>A repository rdiffsharp wrote gives its increments the attributes of the versions they keep too: the same fallback restores it.</summary>
    [TestCase(T1)]
    [TestCase(T2)]
    public void Our_own_repository_without_metadata_restores_as_its_metadata_said(string at)
    {
        Programs.RequireRoot();
        string root = Directory.CreateTempSubdirectory("rdiffsharp-nometa-").FullName;
        try
        {
            MakeRepository(root, Programs.Rdiffsharp);
            Programs.Succeed(root, Programs.Rdiffsharp, "restore", "--at", at, "with-metadata", "truth");
            Programs.Result ours = Programs.Run(root, Programs.Rdiffsharp, "restore", "--at", at, "bak", "ours");
            Assert.Multiple(() =>
            {
                Assert.That(ours.Code, Is.Zero, ours.Error);
                Assert.That(Listing(Path.Combine(root, "ours")), Is.EqualTo(Listing(Path.Combine(root, "truth"))));
            });
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>
    /// rdiff-backup without metadata lists entries that did not exist then (d/h, n), cannot list
    /// changes and compares the newest backup wrongly: we say what its metadata said
    /// ("with-metadata" is the oracle). A hash compare of an older backup it manages: side by side
    /// ("bak"), each file without a digest named as such.
    /// </summary>
    [TestCase("with-metadata", "list", "files", "--at", T1)]
    [TestCase("with-metadata", "list", "files", "--at", T2)]
    [TestCase("with-metadata", "list", "files", "--changed-since", T1)]
    [TestCase("with-metadata", "compare", "--at", T1, "s")]
    [TestCase("with-metadata", "compare", "s")]
    [TestCase("bak", "compare", "--method", "hash", "--at", T1, "s")]
    public void Listing_and_compare_say_what_the_metadata_said(string oracle, params string[] arguments)
    {
        Programs.RequireRoot();
        string root = Directory.CreateTempSubdirectory("rdiffsharp-nometa-").FullName;
        try
        {
            MakeRepository(root);
            Programs.Result truth = Programs.Run(root, "rdiff-backup", [.. arguments, oracle]);
            Programs.Result ours = Programs.Run(root, Programs.Rdiffsharp, [.. arguments, "bak"]);
            Assert.Multiple(() =>
            {
                Assert.That(ours.Code, Is.EqualTo(truth.Code), $"rdiff-backup said: {truth.Error}; we said: {ours.Error}");
                Assert.That(ours.Output, Is.EqualTo(truth.Output));
            });
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>verify falls back as rdiff-backup does: each file is named as having no SHA-1 digest, exit 0.</summary>
    [TestCase(T1)]
    [TestCase(T2)]
    public void Verify_names_the_files_without_digest_as_rdiff_backup_does(string at)
    {
        Programs.RequireRoot();
        string root = Directory.CreateTempSubdirectory("rdiffsharp-nometa-").FullName;
        try
        {
            MakeRepository(root);
            Programs.Result theirs = Programs.Run(root, "rdiff-backup", "verify", "--at", at, "bak");
            Programs.Result ours = Programs.Run(root, Programs.Rdiffsharp, "verify", "--at", at, "bak");
            static string[] Findings(Programs.Result result) =>
                [.. (result.Output + result.Error).Split('\n').Where(line => line.Contains("SHA1", StringComparison.Ordinal) || line.StartsWith("NOTE", StringComparison.Ordinal))];
            Assert.Multiple(() =>
            {
                Assert.That(ours.Code, Is.EqualTo(theirs.Code), $"rdiff-backup said: {theirs.Error}; we said: {ours.Error}");
                Assert.That(Findings(ours), Is.EqualTo(Findings(theirs)).And.Not.Empty);
            });
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>Two backups (by rdiff-backup unless <paramref name="tool"/> says otherwise), with entries added, deleted and changed in kind between them: bak without its metadata, with-metadata a copy that keeps it.</summary>
    private static void MakeRepository(string root, string tool = "rdiff-backup")
    {
        string s = Path.Combine(root, "s");
        Directory.CreateDirectory(Path.Combine(s, "d"));
        Directory.CreateDirectory(Path.Combine(s, "gone"));
        File.WriteAllText(Path.Combine(s, "f"), "one\n");
        File.WriteAllText(Path.Combine(s, "d", "g"), "sub\n");
        File.WriteAllText(Path.Combine(s, "gone", "x"), "in a deleted directory\n");
        File.WriteAllText(Path.Combine(s, "old"), "deleted later\n");
        File.CreateSymbolicLink(Path.Combine(s, "link"), "f");
        Programs.Succeed(root, "chmod", "640", Path.Combine(s, "f"));
        Programs.Succeed(root, "chmod", "705", Path.Combine(s, "gone"));
        Programs.Succeed(root, "chown", "nobody", Path.Combine(s, "d", "g"), Path.Combine(s, "old"));
        Programs.Succeed(root, "touch", "-d", "@5000", Path.Combine(s, "f"), Path.Combine(s, "d", "g"), Path.Combine(s, "gone", "x"),
            Path.Combine(s, "old"), Path.Combine(s, "d"), Path.Combine(s, "gone"));
        Programs.Succeed(root, tool, "--current-time", T1, "backup", "s", "bak");
        File.WriteAllText(Path.Combine(s, "f"), "one, then two\n");
        File.WriteAllText(Path.Combine(s, "d", "g"), "sub, longer\n");
        File.WriteAllText(Path.Combine(s, "d", "h"), "new in d\n");
        File.WriteAllText(Path.Combine(s, "n"), "new\n");
        File.Delete(Path.Combine(s, "old"));
        Directory.Delete(Path.Combine(s, "gone"), recursive: true);
        File.Delete(Path.Combine(s, "link"));
        Directory.CreateDirectory(Path.Combine(s, "link"));
        Programs.Succeed(root, tool, "--current-time", T2, "backup", "s", "bak");
        Programs.Succeed(root, "cp", "-a", "bak", "with-metadata");
        DeleteMetadata(Path.Combine(root, "bak"));
    }

    private static void DeleteMetadata(string repository)
    {
        foreach (string file in Directory.GetFiles(Path.Combine(repository, "rdiff-backup-data"), "mirror_metadata.*"))
        {
            File.Delete(file);
        }
    }

    /// <summary>The tree with owners (TreeListing has kinds, modes, mtimes and contents).</summary>
    private static List<string> Listing(string root) =>
        [.. TreeListing.Of(root), .. Programs.Succeed(Path.GetDirectoryName(root)!, "find", Path.GetFileName(root), "-printf", "%P %u %g\n").Output.Split('\n').Order(StringComparer.Ordinal)];
}
