using RdiffCore.Model;
using RdiffCore.Platform.Posix;
using RdiffCore.Tests.Support;

namespace RdiffCore.Tests.Platform.Posix;

/// <summary>ACLs set with setfacl are read as getfacl shows them, and the other way round.</summary>
public sealed class PosixAclsTests
{
    private readonly OwnerNames _names = new();

    [Test]
    public void A_basic_acl_reads_as_no_entries()
    {
        using var temp = new TempDirectory();
        string file = temp.Write("f", "x"u8);
        Directory.CreateDirectory(temp["d"]);
        Getfacl.Set(file, "u::rw-,g::r--,o::---");

        Assert.That(Read(file, isDirectory: false), Is.Empty);
        Assert.That(Read(temp["d"], isDirectory: true), Is.Empty);
        Assert.That(Getfacl.Read(file), Has.Count.EqualTo(3), "getfacl shows just the base entries");
    }

    [Test]
    public void An_extended_file_acl_reads_as_getfacl_shows_it()
    {
        using var temp = new TempDirectory();
        string file = temp.Write("f", "x"u8);
        Getfacl.Set(file, "u::rw-,u:nobody:r--,u:12345:rwx,u:daemon:-w-,g::r--,g:nogroup:rw-,g:54321:--x,m::rwx,o::---");

        IReadOnlyList<AclEntry> entries = Read(file, isDirectory: false);

        Assert.That(entries, Is.EqualTo(Getfacl.Read(file)));
        Assert.That(entries.Select(e => e.Qualifier), Is.EqualTo(new[] { null, "daemon", "12345", "nobody", null, "54321", "nogroup", null, null }),
            "named entries by id, an unknown id as its number");
    }

    [Test]
    public void A_directory_with_only_a_default_acl_gets_its_access_part_from_the_mode()
    {
        using var temp = new TempDirectory();
        Directory.CreateDirectory(temp["d"]);
        PosixFs.Chmod(BytePath.Of(temp["d"]), 0b111_101_001);
        Getfacl.Modify(temp["d"], "-d", "-m", "u:nobody:r-x");

        IReadOnlyList<AclEntry> entries = Read(temp["d"], isDirectory: true);

        Assert.That(entries, Is.EqualTo(Getfacl.Read(temp["d"])));
        Assert.That(entries.Take(3), Is.EqualTo(Getfacl.Entries("user::rwx", "group::r-x", "other::--x")));
        Assert.That(entries.Skip(3).All(e => e.IsDefault), Is.True);
    }

    [Test]
    public void A_directory_with_access_and_default_acls_reads_both()
    {
        using var temp = new TempDirectory();
        Directory.CreateDirectory(temp["d"]);
        Getfacl.Set(temp["d"], "u::rwx,g::r-x,g:nogroup:rwx,m::r-x,o::---,d:u::rwx,d:u:nobody:rw-,d:g::---,d:m::rw-,d:o::---");

        IReadOnlyList<AclEntry> entries = Read(temp["d"], isDirectory: true);

        Assert.That(entries, Is.EqualTo(Getfacl.Read(temp["d"])));
        Assert.That(entries.Count(e => e.IsDefault), Is.EqualTo(5));
    }

    [Test]
    public void Written_entries_are_what_getfacl_shows_and_set_the_mode()
    {
        using var temp = new TempDirectory();
        string file = temp.Write("f", "x"u8);
        List<AclEntry> wanted = Getfacl.Entries("user::rw-", "user:daemon:rwx", "user:nobody:r--", "group::r--", "group:12345:-w-", "mask::rw-", "other::--x");

        IReadOnlyList<AclEntry> dropped = PosixAcls.Write(BytePath.Of(file), wanted, isDirectory: false, _names);

        Assert.That(dropped, Is.Empty);
        Assert.That(Getfacl.Read(file), Is.EqualTo(wanted));
        Assert.That(Read(file, isDirectory: false), Is.EqualTo(wanted));
        Assert.That(PosixFs.LStat(BytePath.Of(file)).Permissions, Is.EqualTo(0b110_110_001), "user::, mask:: and other:: make the mode");
    }

    [Test]
    public void Written_directory_acls_with_defaults_are_what_getfacl_shows()
    {
        using var temp = new TempDirectory();
        Directory.CreateDirectory(temp["d"]);
        List<AclEntry> wanted = Getfacl.Entries(
            "user::rwx", "group::r-x", "other::r-x",
            "default:user::rwx", "default:user:nobody:r-x", "default:group::r-x", "default:mask::r-x", "default:other::r-x");

        IReadOnlyList<AclEntry> dropped = PosixAcls.Write(BytePath.Of(temp["d"]), wanted, isDirectory: true, _names);

        Assert.That(dropped, Is.Empty);
        Assert.That(Getfacl.Read(temp["d"]), Is.EqualTo(wanted));
        Assert.That(ExternalTool.Run("getfattr", "-n", "system.posix_acl_access", temp["d"]).ExitCode, Is.Not.Zero,
            "three base entries leave no access attribute, as setfacl would");
    }

    [Test]
    public void Unknown_names_duplicates_and_defaults_of_a_file_are_dropped_and_reported()
    {
        using var temp = new TempDirectory();
        string file = temp.Write("f", "x"u8);
        List<AclEntry> wanted = Getfacl.Entries(
            "user::rw-", "user:no-such-user-rdiffsharp:rwx", "user:nobody:r--", "user:65534:rwx",
            "group::r--", "group:no-such-group-rdiffsharp:r--", "mask::r--", "other::---", "default:user::rwx");

        IReadOnlyList<AclEntry> dropped = PosixAcls.Write(BytePath.Of(file), wanted, isDirectory: false, _names);

        Assert.That(dropped, Is.EqualTo(new[] { wanted[1], wanted[3], wanted[5], wanted[8] }));
        Assert.That(Getfacl.Read(file), Is.EqualTo(Getfacl.Entries("user::rw-", "user:nobody:r--", "group::r--", "mask::r--", "other::---")));
    }

    [Test]
    public void A_numeric_qualifier_is_the_id_even_when_it_has_a_name()
    {
        using var temp = new TempDirectory();
        string file = temp.Write("f", "x"u8);

        PosixAcls.Write(BytePath.Of(file), Getfacl.Entries("user::rw-", "user:65534:r--", "group::r--", "group:0:rw-", "mask::rw-", "other::---"), isDirectory: false, _names);

        Assert.That(Getfacl.Read(file), Is.EqualTo(Getfacl.Entries("user::rw-", "user:nobody:r--", "group::r--", "group:root:rw-", "mask::rw-", "other::---")));
    }

    [Test]
    public void A_missing_mask_is_computed_as_setfacl_computes_it()
    {
        using var temp = new TempDirectory();
        string ours = temp.Write("ours", "x"u8);
        string theirs = temp.Write("theirs", "x"u8);

        PosixAcls.Write(BytePath.Of(ours), Getfacl.Entries("user::rw-", "user:nobody:--x", "group::r--", "group:nogroup:-w-", "other::---"), isDirectory: false, _names);
        Getfacl.Set(theirs, "u::rw-,u:nobody:--x,g::r--,g:nogroup:-w-,o::---");

        Assert.That(Getfacl.Read(ours), Is.EqualTo(Getfacl.Read(theirs)));
        Assert.That(Getfacl.Read(ours), Does.Contain(Getfacl.Parse("mask::rwx")));
    }

    [Test]
    public void Writing_no_entries_removes_the_extended_and_the_default_acl()
    {
        using var temp = new TempDirectory();
        Directory.CreateDirectory(temp["d"]);
        Getfacl.Set(temp["d"], "u::rwx,u:nobody:rwx,g::r-x,m::rwx,o::---,d:u::rwx,d:g::---,d:o::---,d:u:nobody:r--,d:m::r--");

        IReadOnlyList<AclEntry> dropped = PosixAcls.Write(BytePath.Of(temp["d"]), [], isDirectory: true, _names);

        Assert.That(dropped, Is.Empty);
        Assert.That(Read(temp["d"], isDirectory: true), Is.Empty);
        Assert.That(Getfacl.Read(temp["d"]), Has.Count.EqualTo(3).And.None.Matches<AclEntry>(e => e.IsDefault));
        Assert.That(PosixAcls.Write(BytePath.Of(temp["d"]), [], isDirectory: true, _names), Is.Empty, "again, with nothing to remove");
    }

    [Test]
    public void An_empty_default_list_removes_only_the_default_acl()
    {
        using var temp = new TempDirectory();
        Directory.CreateDirectory(temp["d"]);
        Getfacl.Set(temp["d"], "u::rwx,g::r-x,o::---,d:u::rwx,d:g::---,d:o::---,d:u:nobody:r--,d:m::r--");
        List<AclEntry> access = Getfacl.Entries("user::rwx", "user:nobody:r-x", "group::r-x", "mask::r-x", "other::---");

        PosixAcls.Write(BytePath.Of(temp["d"]), access, isDirectory: true, _names);

        Assert.That(Getfacl.Read(temp["d"]), Is.EqualTo(access));
    }

    [Test]
    public void What_is_read_is_what_rdiff_backup_stores_for_the_same_files()
    {
        using var temp = new TempDirectory();
        string source = temp["src"];
        Directory.CreateDirectory(source);
        string[] names = ["basic", "ext", "default-only", "both"];
        File.WriteAllText(Path.Combine(source, "basic"), "a");
        File.WriteAllText(Path.Combine(source, "ext"), "b");
        Directory.CreateDirectory(Path.Combine(source, "default-only"));
        Directory.CreateDirectory(Path.Combine(source, "both"));
        Getfacl.Modify(Path.Combine(source, "ext"), "-m", "u:nobody:r,u:12345:rw,g:54321:x");
        Getfacl.Modify(Path.Combine(source, "default-only"), "-d", "-m", "u:nobody:rx");
        Getfacl.Modify(Path.Combine(source, "both"), "-m", "g:nogroup:rwx", "-d", "-m", "g:nogroup:r");

        ExternalTool.Succeed("rdiff-backup", "backup", source, temp["repo"]);
        string snapshot = Directory.GetFiles(Path.Combine(temp["repo"], "rdiff-backup-data"), "access_control_lists.*").Single();
        string stored = snapshot.EndsWith(".gz", StringComparison.Ordinal)
            ? ExternalTool.Succeed("gzip", "-dc", snapshot).Text
            : File.ReadAllText(snapshot);

        var ours = new System.Text.StringBuilder();
        foreach (string name in names.Order(StringComparer.Ordinal))
        {
            IReadOnlyList<AclEntry> entries = Read(Path.Combine(source, name), isDirectory: Directory.Exists(Path.Combine(source, name)));
            if (entries.Count > 0)
            {
                ours.Append("# file: ").Append(name).Append('\n');
                foreach (AclEntry entry in entries)
                {
                    ours.Append(Getfacl.Format(entry)).Append('\n');
                }
            }
        }
        Assert.That(ours.ToString(), Is.EqualTo(stored));
        Assert.That(stored, Does.Not.Contain("basic"), "a basic ACL is not stored");
    }

    private IReadOnlyList<AclEntry> Read(string path, bool isDirectory)
    {
        byte[] bytes = BytePath.Of(path);
        return PosixAcls.Read(bytes, PosixFs.LStat(bytes).Permissions, isDirectory, _names);
    }
}
