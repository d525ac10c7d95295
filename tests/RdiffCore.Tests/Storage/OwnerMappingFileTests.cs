using System.Text;
using RdiffCore.Platform.Posix;
using RdiffCore.Storage;
using RdiffCore.Tests.Support;

namespace RdiffCore.Tests.Storage;

/// <summary>The mapping-file syntax, checked against the lines rdiff-backup's parser accepts and refuses.</summary>
public sealed class OwnerMappingFileTests
{
    private const string Script = """
        import sys
        from rdiff_backup import log
        from rdiffbackup.locations.map import owners
        def fatal(message, *args, **kwargs):
            raise SystemExit("refused")
        log.Log.FatalError = fatal
        try:
            m = owners._DefinedMap(True, sys.stdin.read())
        except SystemExit:
            print("refused")
        else:
            print(sorted(m.name_mapping_dict.items()), sorted(m.id_mapping_dict.items()))
        """;

    private readonly OwnerNames _names = new();

    [TestCase("nobody:daemon\n54321:bin\n")]
    [TestCase("\n\n   \t\nnobody:daemon")]
    [TestCase("  nobody:daemon  \r\n 7 :0\r\n")]
    [TestCase("+5:bin\n-3:daemon\n")]
    [TestCase("nobody:daemon\nnobody:bin\n")]
    [TestCase("#comment:bin\n")]
    [TestCase("# a comment\n")]
    [TestCase("nobody\n")]
    [TestCase("a:b:c\n")]
    [TestCase("nobody:1:\n")]
    public void Accepts_and_refuses_what_rdiff_backup_does(string text)
    {
        string expected = RdiffBackupOracle.RunPython(Script, text).Trim();
        string actual;
        try
        {
            OwnerMappingFile file = OwnerMappingFile.Parse(text, "test", users: true, _names.UserId);
            actual = $"[{string.Join(", ", file.ByName.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"('{p.Key}', {p.Value})"))}] "
                + $"[{string.Join(", ", file.ById.OrderBy(p => p.Key).Select(p => $"({p.Key}, {p.Value})"))}]";
        }
        catch (OwnerMappingException)
        {
            actual = "refused";
        }
        // Python keeps the negative old id -3 (it never matches an owner); we leave it out.
        Assert.That(actual, Is.EqualTo(expected.Replace("(-3, 1), ", "", StringComparison.Ordinal)));
    }

    [Test]
    public void A_bad_line_names_the_file_and_its_line_number()
    {
        var error = Assert.Throws<OwnerMappingException>(() => OwnerMappingFile.Parse("nobody:daemon\n\nnobody daemon\n", "user mapping file 'm'", users: true, _names.UserId));
        Assert.That(error!.Message, Does.StartWith("user mapping file 'm' line 3: 'nobody daemon' is not old:new"));
        Assert.That(error.Message, Does.Not.Contain("\n"));
    }

    [Test]
    public void A_new_side_that_names_nobody_here_is_refused()
    {
        // rdiff-backup means this to be fatal ("Cannot get id for user or group name") but its lookup
        // returns None instead of raising, so it silently keeps the old owner; we refuse the line.
        var error = Assert.Throws<OwnerMappingException>(() => OwnerMappingFile.Parse("nobody:no-such-group-rdiffsharp\n", "group mapping file 'g'", users: false, _names.GroupId));
        Assert.That(error!.Message, Is.EqualTo("group mapping file 'g' line 1: there is no group 'no-such-group-rdiffsharp' on this machine; give an existing group name or a numeric id"));
    }

    [Test]
    public void An_unreadable_file_is_a_usage_error_naming_the_option_and_path()
    {
        using var temp = new TempDirectory();
        var error = Assert.Throws<UsageException>(() => OwnerMappingFile.Read(Encoding.UTF8.GetBytes(temp["missing"]), users: false, _names.GroupId));
        Assert.That(error!.Message, Is.EqualTo($"--group-mapping-file: cannot open '{temp["missing"]}': No such file or directory"));
    }

    [Test]
    public void A_file_is_read_as_its_text()
    {
        using var temp = new TempDirectory();
        string path = temp.Write("map", "daemon:65534\n"u8);
        OwnerMappingFile file = OwnerMappingFile.Read(Encoding.UTF8.GetBytes(path), users: true, _names.UserId);
        Assert.That(file.ByName, Is.EquivalentTo(new Dictionary<string, uint> { ["daemon"] = 65534 }));
        Assert.That(file.ById, Is.Empty);
    }
}
