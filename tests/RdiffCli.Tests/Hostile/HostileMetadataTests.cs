using RdiffCli.Tests.Support;
using static RdiffCli.Tests.Hostile.HostileRepository;

namespace RdiffCli.Tests.Hostile;

/// <summary>
/// Crafted and damaged repositories: what is read from one is never trusted. Each case is damage
/// that once made rdiffsharp write outside its target or lose data with exit 0; now it is named
/// (the file it came from), the exit code says so, and nothing beside the repository changes.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class HostileMetadataTests
{
    [Test]
    public void A_restore_as_root_never_follows_dot_dot_records_out_of_its_target()
    {
        Programs.RequireRoot();
        using var repository = new HostileRepository();
        string longNames = Path.Combine(repository.Data, "long_filename_data");
        Directory.CreateDirectory(longNames);
        File.WriteAllText(Path.Combine(longNames, "1"), "#!/bin/sh\necho evil\n");
        EditGzip(repository.NewestSnapshot, text => AfterRoot(text,
            "File ..\n  Type dir\n  ModTime 1000000000\n  Uid 0\n  Gid 0\n  Permissions 511\n" +
            "File ../evil.sh\n  Type reg\n  Size 20\n  ModTime 1000000000\n  Uid 0\n  Gid 0\n  Permissions 3565\n  AlternateMirrorName 1\n" +
            "File ../victim\n  Type sym\n  SymData /\n  Uid 0\n  Gid 0\n  Permissions 511\n"));
        List<string> outside = repository.Outside();

        Programs.Result restore = repository.Run("restore", "--at", "now", repository.Repo, repository.Target);

        Assert.That(restore.Code, Is.EqualTo(ExitCodes.FileErrors), restore.Error);
        AssertNamed(restore, repository.NewestSnapshot);
        Assert.That(repository.Outside(), Is.EqualTo(outside), "nothing beside the target changed");
        Assert.That(File.ReadAllText(Path.Combine(repository.Target, "d", "g")), Is.EqualTo("g\n"), "the rest comes from the mirror");
    }

    [TestCase("record")]
    [TestCase("alternate name")]
    public void A_backup_never_touches_a_file_that_a_record_places_outside_the_repository(string how)
    {
        using var repository = new HostileRepository();
        EditGzip(repository.NewestSnapshot, text => how == "record"
            ? AfterRoot(text, "File ../victimfile\n  Type reg\n  Size 12\n  ModTime 1000000000\n  Uid 0\n  Gid 0\n  Permissions 420\n")
            : text.Replace("File f\n", "File f\n  AlternateMirrorName ../../../victimfile\n", StringComparison.Ordinal));
        File.WriteAllText(Path.Combine(repository.Source, "f"), "version 4\n");
        File.WriteAllText(Path.Combine(repository.Source, "victimfile"), "new\n");
        List<string> outside = repository.Outside(), mirror = repository.Mirror(), bookkeeping = repository.Bookkeeping();

        Programs.Result backup = repository.Run("backup", "--current-time", T4, repository.Source, repository.Repo);

        Assert.That(backup.Code, Is.EqualTo(ExitCodes.Fatal), backup.Error);
        AssertNamed(backup, repository.NewestSnapshot);
        Assert.That(backup.Error, Does.StartWith("rdiffsharp: ").And.Contain("victimfile"));
        Assert.That(repository.Outside(), Is.EqualTo(outside), "victimfile is untouched");
        Assert.That((repository.Mirror(), repository.Bookkeeping()), Is.EqualTo((mirror, bookkeeping)), "the repository is as it was");
    }

    [TestCase("/")]
    [TestCase("d/..")]
    public void Regress_refuses_metadata_that_names_the_root_or_a_parent(string recorded)
    {
        using var repository = new HostileRepository();
        EditGzip(repository.NewestSnapshot, text => recorded == "/"
            ? AfterRoot(text, "File /\n  Type None\n")
            : text.Replace("File d/g\n", "File d/..\n  Type reg\n  Size 1\n  ModTime 1\n  Uid 0\n  Gid 0\n  Permissions 420\nFile d/g\n", StringComparison.Ordinal));
        File.WriteAllText(Path.Combine(repository.Data, $"current_mirror.{T4Name}.data"), "PID 999999\n");
        List<string> outside = repository.Outside(), mirror = repository.Mirror();

        Programs.Result regress = repository.Run("regress", repository.Repo);

        Assert.That(regress.Code, Is.EqualTo(ExitCodes.Fatal), regress.Error);
        AssertNamed(regress, repository.NewestSnapshot);
        Assert.That(repository.Mirror(), Is.EqualTo(mirror), "the mirror is kept");
        Assert.That(repository.Outside(), Is.EqualTo(outside));
    }

    [Test]
    public void Metadata_cut_short_is_damage_for_restore_verify_list_and_backup()
    {
        Programs.RequireRoot();
        using var repository = new HostileRepository();
        string snapshot = repository.NewestSnapshot;
        byte[] whole = File.ReadAllBytes(snapshot);
        File.WriteAllBytes(snapshot, whole[..(whole.Length * 2 / 3)]);
        File.WriteAllText(Path.Combine(repository.Source, "f"), "version 4\n");
        List<string> outside = repository.Outside(), mirror = repository.Mirror(), bookkeeping = repository.Bookkeeping();

        Programs.Result restore = repository.Run("restore", "--at", "now", repository.Repo, repository.Target);
        Assert.That(restore.Code, Is.EqualTo(ExitCodes.FileErrors), restore.Error);
        AssertNamed(restore, snapshot);
        foreach (string file in new[] { "f", "link", "d/g", "d/h", "e" })
        {
            Assert.That(Path.Exists(Path.Combine(repository.Target, file)), Is.True, $"{file} is restored from the mirror");
        }

        Programs.Result verify = repository.Run("verify", repository.Repo);
        Assert.That(verify.Code, Is.Not.Zero, verify.Output);
        Assert.That(verify.Output, Does.Not.Contain("verified successfully"));
        AssertNamed(verify, snapshot);

        Programs.Result list = repository.Run("list", "files", repository.Repo);
        Assert.That(list.Code, Is.EqualTo(ExitCodes.Fatal), list.Output);
        AssertNamed(list, snapshot);

        Programs.Result backup = repository.Run("backup", "--current-time", T4, repository.Source, repository.Repo);
        Assert.That(backup.Code, Is.EqualTo(ExitCodes.Fatal), backup.Error);
        AssertNamed(backup, snapshot);
        Assert.That((repository.Mirror(), repository.Bookkeeping()), Is.EqualTo((mirror, bookkeeping)), "the older backups are kept as they were");
        Assert.That(repository.Outside(), Is.EqualTo(outside));
    }

    [Test]
    public void Records_lost_from_metadata_that_still_reads_cleanly_are_named_by_restore_and_verify()
    {
        Programs.RequireRoot();
        using var repository = new HostileRepository();
        // Whole records gone, gzip sound: f from the newest snapshot, other (deleted at T2) from the oldest diff.
        EditGzip(repository.NewestSnapshot, text => Without(text, "File f\n"));
        EditGzip(Path.Combine(repository.Data, $"mirror_metadata.{T1Name}.diff.gz"), text => Without(text, "File other\n"));

        Programs.Result now = repository.Run("restore", "--at", "now", repository.Repo, repository.Target);
        Assert.That(now.Code, Is.EqualTo(ExitCodes.FileErrors), now.Error);
        AssertNamed(now, repository.NewestSnapshot);
        Assert.That(now.Error, Does.Contain("lacks 'f'"));

        Programs.Result old = repository.Run("restore", "--at", T1, repository.Repo, Path.Combine(repository.Root, "old"));
        Assert.That(old.Code, Is.EqualTo(ExitCodes.FileErrors), old.Error);
        Assert.That(old.Error, Does.Contain("lacks 'other'"), "f at T1 comes from the diffs, which still have it");

        Programs.Result verify = repository.Run("verify", repository.Repo);
        Assert.That(verify.Code, Is.EqualTo(ExitCodes.Warning), verify.Output);
        AssertNamed(verify, repository.NewestSnapshot);
    }

    private static string Without(string text, string fileLine)
    {
        int start = text.IndexOf(fileLine, StringComparison.Ordinal);
        int end = text.IndexOf("\nFile ", start, StringComparison.Ordinal);
        return text[..start] + (end < 0 ? "" : text[(end + 1)..]);
    }

    [Test]
    public void Records_out_of_order_stop_a_backup_before_it_changes_the_mirror()
    {
        using var repository = new HostileRepository();
        EditGzip(repository.NewestSnapshot, text =>
        {
            string[] records = text.Split("File ", StringSplitOptions.RemoveEmptyEntries);
            return string.Concat(records.Reverse().Select(record => "File " + record));
        });
        List<string> outside = repository.Outside(), mirror = repository.Mirror(), bookkeeping = repository.Bookkeeping();

        Programs.Result backup = repository.Run("backup", "--current-time", T4, repository.Source, repository.Repo);

        Assert.That(backup.Code, Is.EqualTo(ExitCodes.Fatal), backup.Error);
        AssertNamed(backup, repository.NewestSnapshot);
        Assert.That(backup.Error, Does.Contain("bad index order"));
        Assert.That((repository.Mirror(), repository.Bookkeeping()), Is.EqualTo((mirror, bookkeeping)));
        Assert.That(repository.Outside(), Is.EqualTo(outside));
    }

    [Test]
    public void A_metadata_line_longer_than_any_record_is_damage_not_a_memory_hog()
    {
        using var repository = new HostileRepository();
        EditGzip(repository.NewestSnapshot, text => text.Replace("File f\n", $"File f\n  Uname {new string('u', 20 << 20)}\n", StringComparison.Ordinal));
        List<string> mirror = repository.Mirror(), bookkeeping = repository.Bookkeeping();

        Programs.Result backup = repository.Run("backup", "--current-time", T4, repository.Source, repository.Repo);

        Assert.That(backup.Code, Is.EqualTo(ExitCodes.Fatal), backup.Error);
        AssertNamed(backup, repository.NewestSnapshot);
        Assert.That(backup.Error, Does.Contain("longer than 16 MiB"));
        Assert.That((repository.Mirror(), repository.Bookkeeping()), Is.EqualTo((mirror, bookkeeping)));
    }

    [TestCase("garbage")]
    [TestCase("cut short")]
    public void A_damaged_snapshot_increment_is_named_and_the_other_files_are_restored(string how)
    {
        Programs.RequireRoot();
        using var repository = new HostileRepository();
        string increment = Path.Combine(repository.Data, "increments", $"gone.{T1Name}.snapshot.gz");
        byte[] whole = File.ReadAllBytes(increment);
        byte[] damaged = new byte[how == "garbage" ? 1000 : whole.Length / 2];
        if (how == "garbage")
        {
            new Random(5).NextBytes(damaged);
        }
        else
        {
            whole.AsSpan(0, damaged.Length).CopyTo(damaged);
        }
        File.WriteAllBytes(increment, damaged);
        List<string> outside = repository.Outside();

        Programs.Result restore = repository.Run("restore", "--at", T1, repository.Repo, repository.Target);

        Assert.That(restore.Code, Is.EqualTo(ExitCodes.FileErrors), restore.Error);
        AssertNamed(restore, increment);
        Assert.That(File.ReadAllText(Path.Combine(repository.Target, "other")), Is.EqualTo(new string('o', 2000)));
        Assert.That(File.ReadAllText(Path.Combine(repository.Target, "f")), Is.EqualTo("version 1\n"));
        Assert.That(File.ReadAllText(Path.Combine(repository.Target, "d", "g")), Is.EqualTo("g\n"));
        Assert.That(repository.Outside(), Is.EqualTo(outside));
    }
}
