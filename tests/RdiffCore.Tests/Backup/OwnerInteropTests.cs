using System.IO.Compression;
using System.Text;
using RdiffCore.Backup;
using RdiffCore.Platform.Posix;
using RdiffCore.Restore;
using RdiffCore.Tests.Support;

namespace RdiffCore.Tests.Backup;

/// <summary>
/// Owners and ACLs under rdiff-backup's owner options, with rdiff-backup 2.2 as the oracle: both
/// tools run with the same options on the same repository and must leave the same tree. Owners
/// are nobody, daemon and an id without a name (54321); chown needs root.
/// </summary>
public sealed class OwnerInteropTests
{
    private const string UserMap = "nobody:daemon\n54321:bin\n";
    private const string GroupMap = "nogroup:daemon\n\n54321:adm\n";

    [SetUp]
    public void NeedsRoot() => Assume.That(Environment.IsPrivilegedProcess, "setting other owners needs root");

    [TestCase(true)]
    [TestCase(false)]
    public void A_restore_through_mapping_files_sets_what_rdiff_backup_sets(bool backedUpByUs)
    {
        using var temp = new TempDirectory();
        Build(temp["src"]);
        BackUp(temp, backedUpByUs, temp["repo"]);
        string users = temp.Write("users", Encoding.UTF8.GetBytes(UserMap));
        string groups = temp.Write("groups", Encoding.UTF8.GetBytes(GroupMap));

        RestoreEngine.Run(new RestoreOptions { Source = Bytes(temp["repo"]), Target = Bytes(temp["ours"]), At = "now", UserMappingFile = Bytes(users), GroupMappingFile = Bytes(groups) }, Fail);
        RdiffBackup("restore", "--user-mapping-file", users, "--group-mapping-file", groups, temp["repo"], temp["theirs"]);

        List<string> ours = TreeDescription.Of(temp["ours"]);
        Assert.That(ours, Is.EqualTo(TreeDescription.Of(temp["theirs"])));
        Assert.That(Entry(ours, "by-nobody"), Does.Contain(" 1:1 ").And.Contain("acl=user::rw-,user:1:r--,user:2:-w-,group::r--,group:4:r--,"), "nobody→daemon, 54321→bin; adm by name");
        Assert.That(Entry(ours, "by-daemon"), Does.Contain(" 1:1 "), "unlisted: by name");
        Assert.That(Entry(ours, "nameless"), Does.Contain(" 2:4 "), "ids to names");
        Assert.That(Entry(ours, "d"), Does.Contain(" 1:4 ").And.Contain("default:group:4:r-x"));
    }

    [TestCase(true)]
    [TestCase(false)]
    public void A_backup_through_mapping_files_maps_the_mirror_and_records_the_source(bool ourRepository)
    {
        using var temp = new TempDirectory();
        Build(temp["src"]);
        string users = temp.Write("users", Encoding.UTF8.GetBytes(UserMap));
        string groups = temp.Write("groups", Encoding.UTF8.GetBytes(GroupMap));

        BackupEngine.Run(new BackupOptions { Source = Bytes(temp["src"]), Repository = Bytes(temp["ours"]), UserMappingFile = Bytes(users), GroupMappingFile = Bytes(groups) }, Fail);
        RdiffBackup("backup", "--user-mapping-file", users, "--group-mapping-file", groups, temp["src"], temp["theirs"]);

        List<string> mirror = TreeDescription.Of(temp["ours"]);
        Assert.That(mirror, Is.EqualTo(TreeDescription.Of(temp["theirs"])), "the mirrors");
        Assert.That(Entry(mirror, "by-nobody"), Does.Contain(" 1:1 ").And.Contain("user:1:r--,user:2:-w-"));
        Assert.That(Entry(mirror, "nameless"), Does.Contain(" 2:4 "));

        // The metadata keeps the source's owners: a restore without mappings gives the source back.
        string repository = ourRepository ? temp["ours"] : temp["theirs"];
        RestoreEngine.Run(new RestoreOptions { Source = Bytes(repository), Target = Bytes(temp["restored-ours"]), At = "now" }, Fail);
        RdiffBackup("restore", repository, temp["restored-theirs"]);
        List<string> source = TreeDescription.Of(temp["src"]);
        Assert.That(TreeDescription.Of(temp["restored-ours"]), Is.EqualTo(source), "our restore");
        Assert.That(TreeDescription.Of(temp["restored-theirs"]), Is.EqualTo(source), "rdiff-backup's restore");
    }

    [Test]
    public void Owners_go_by_recorded_name_or_by_id_with_preserve_numerical_ids()
    {
        using var temp = new TempDirectory();
        Build(temp["src"]);
        BackUp(temp, byUs: false, temp["repo"]);
        // The repository now says that 65534 is called daemon: by name that is uid 1 here.
        RewriteMetadata(temp["repo"], "mirror_metadata", "Uname nobody", "Uname daemon");

        RestoreEngine.Run(new RestoreOptions { Source = Bytes(temp["repo"]), Target = Bytes(temp["by-name"]), At = "now" }, Fail);
        RdiffBackup("restore", temp["repo"], temp["by-name-theirs"]);
        List<string> byName = TreeDescription.Of(temp["by-name"]);
        Assert.That(byName, Is.EqualTo(TreeDescription.Of(temp["by-name-theirs"])));
        Assert.That(Entry(byName, "by-nobody"), Does.Contain(" 1:65534 "));
        Assert.That(Entry(byName, "nameless"), Does.Contain(" 54321:54321 "), "no name recorded: the id");

        RestoreEngine.Run(new RestoreOptions { Source = Bytes(temp["repo"]), Target = Bytes(temp["by-id"]), At = "now", PreserveNumericalIds = true }, Fail);
        RdiffBackup("restore", "--preserve-numerical-ids", temp["repo"], temp["by-id-theirs"]);
        List<string> byId = TreeDescription.Of(temp["by-id"]);
        Assert.That(byId.Select(WithoutAcl), Is.EqualTo(TreeDescription.Of(temp["by-id-theirs"]).Select(WithoutAcl)));
        Assert.That(Entry(byId, "by-nobody"), Does.Contain(" 65534:65534 "));
        // rdiff-backup drops the ACL entries stored by name here (it has no id for them); we look the names up.
        Assert.That(Entry(byId, "by-nobody"), Does.Contain("acl=user::rw-,user:54321:-w-,user:65534:r--,group::r--,group:4:r--,"));
    }

    [Test]
    public void An_acl_name_unknown_here_is_dropped_with_one_warning_as_rdiff_backup_drops_it()
    {
        using var temp = new TempDirectory();
        Build(temp["src"]);
        ExternalTool.Succeed("setfacl", "-m", "u:nobody:rwx", Path.Combine(temp["src"], "nameless"));
        BackUp(temp, byUs: true, temp["repo"]);
        RewriteMetadata(temp["repo"], "access_control_lists", "user:nobody:", "user:no-such-user-rdiffsharp:");

        var warnings = new List<string>();
        RestoreResult result = RestoreEngine.Run(new RestoreOptions { Source = Bytes(temp["repo"]), Target = Bytes(temp["ours"]), At = "now" }, warnings.Add);
        RdiffBackup("restore", temp["repo"], temp["theirs"]);

        List<string> ours = TreeDescription.Of(temp["ours"]);
        Assert.That(ours, Is.EqualTo(TreeDescription.Of(temp["theirs"])));
        Assert.That(Entry(ours, "by-nobody"), Does.Contain("acl=user::rw-,user:54321:-w-,group::r--,group:4:r--,mask::rw-,other::r--"), "only that entry goes");
        Assert.That(warnings, Has.Count.EqualTo(1), "one warning for two entries naming the user");
        Assert.That(warnings[0], Does.Contain("'no-such-user-rdiffsharp'").And.Contain("by-nobody"));
        Assert.That(result.FileErrors, Is.Zero, "a dropped ACL entry is no file error");
    }

    [Test]
    public void No_acls_and_no_eas_store_nothing_and_apply_nothing()
    {
        using var temp = new TempDirectory();
        Build(temp["src"]);

        BackupEngine.Run(new BackupOptions { Source = Bytes(temp["src"]), Repository = Bytes(temp["ours"]), Acls = false, Xattrs = false }, Fail);
        RdiffBackup("backup", "--no-acls", "--no-eas", temp["src"], temp["theirs"]);
        List<string> mirror = TreeDescription.Of(temp["ours"]);
        Assert.That(mirror, Is.EqualTo(TreeDescription.Of(temp["theirs"])));
        Assert.That(mirror, Has.None.Contain("acl=").And.None.Contain("xattr:"));
        Assert.That(Directory.GetFiles(Path.Combine(temp["ours"], "rdiff-backup-data")).Select(Path.GetFileName),
            Has.None.StartWith("access_control_lists").And.None.StartWith("extended_attributes"), "as rdiff-backup, no such files at all");

        BackUp(temp, byUs: true, temp["full"]);
        Assert.That(TreeDescription.Of(temp["full"]), Has.Some.Contain("acl=").And.Some.Contain("xattr:"), "the repository has both");
        RestoreEngine.Run(new RestoreOptions { Source = Bytes(temp["full"]), Target = Bytes(temp["restored"]), At = "now", Acls = false, Xattrs = false }, Fail);
        RdiffBackup("restore", "--no-acls", "--no-eas", temp["full"], temp["restored-theirs"]);
        List<string> restored = TreeDescription.Of(temp["restored"]);
        Assert.That(restored, Is.EqualTo(TreeDescription.Of(temp["restored-theirs"])));
        Assert.That(restored, Has.None.Contain("acl=").And.None.Contain("xattr:"));
    }

    /// <summary>Files owned by nobody, daemon and 54321, named and bare-id ACL entries, a default ACL, an xattr.</summary>
    private static void Build(string root)
    {
        Directory.CreateDirectory(root);
        foreach ((string name, uint uid, uint gid) in new[] { ("by-nobody", 65534u, 65534u), ("by-daemon", 1u, 1u), ("nameless", 54321u, 54321u) })
        {
            File.WriteAllText(Path.Combine(root, name), name);
            PosixFs.LChown(Bytes(Path.Combine(root, name)), uid, gid);
        }
        Directory.CreateDirectory(Path.Combine(root, "d"));
        PosixFs.LChown(Bytes(Path.Combine(root, "d")), 65534, 54321);
        ExternalTool.Succeed("setfacl", "--set", "u::rw-,u:nobody:r--,u:54321:-w-,g::r--,g:adm:r--,m::rw-,o::r--", Path.Combine(root, "by-nobody"));
        ExternalTool.Succeed("setfacl", "-m", "d:u::rwx,d:u:daemon:r-x,d:g::r-x,d:g:54321:r-x,d:m::r-x,d:o::---", Path.Combine(root, "d"));
        PosixFs.SetXattr(Bytes(Path.Combine(root, "by-daemon")), "user.k"u8, "v"u8);
    }

    private static void BackUp(TempDirectory temp, bool byUs, string repository)
    {
        if (byUs)
        {
            BackupEngine.Run(new BackupOptions { Source = Bytes(temp["src"]), Repository = Bytes(repository) }, Fail);
        }
        else
        {
            RdiffBackup("backup", temp["src"], repository);
        }
    }

    private static void RewriteMetadata(string repository, string prefix, string from, string to)
    {
        string snapshot = Directory.GetFiles(Path.Combine(repository, "rdiff-backup-data"), prefix + ".*.snapshot.gz").Single();
        string text;
        using (var input = new GZipStream(File.OpenRead(snapshot), CompressionMode.Decompress))
        using (var reader = new StreamReader(input, Encoding.UTF8))
        {
            text = reader.ReadToEnd();
        }
        Assert.That(text, Does.Contain(from));
        using var output = new GZipStream(File.Create(snapshot), CompressionLevel.Optimal);
        output.Write(Encoding.UTF8.GetBytes(text.Replace(from, to, StringComparison.Ordinal)));
    }

    private static string Entry(List<string> description, string name) => description.Single(line => line.StartsWith(name + " ", StringComparison.Ordinal));

    private static string WithoutAcl(string line) => line.Split(" acl=")[0];

    private static byte[] Bytes(string path) => Encoding.UTF8.GetBytes(path);

    private static void Fail(string warning) => Assert.Fail($"unexpected warning: {warning}");

    private static void RdiffBackup(params string[] arguments) => ExternalTool.Succeed("rdiff-backup", arguments);
}
