using RdiffCore.Platform.Posix;
using RdiffCore.Tests.Support;

namespace RdiffCore.Tests.Platform.Posix;

/// <summary>Extended attributes against getfattr and setfattr (Debian package attr).</summary>
public sealed class PosixFsXattrsTests
{
    private static readonly byte[] s_everyByte = [.. Enumerable.Range(0, 256).Select(i => (byte)i), .. Enumerable.Range(0, 2000).Select(i => (byte)(i * 7))];

    [Test]
    public void Binary_and_empty_values_written_here_are_what_getfattr_reads()
    {
        using var temp = new TempDirectory();
        string file = temp.Write("f", "x"u8);
        byte[] path = BytePath.Of(file);

        PosixFs.SetXattr(path, "user.binary"u8, s_everyByte);
        PosixFs.SetXattr(path, "user.empty"u8, []);

        Assert.That(ExternalTool.Succeed("getfattr", "--only-values", "-n", "user.binary", file).Output, Is.EqualTo(s_everyByte));
        Assert.That(SystemTool.Line("getfattr", "-e", "hex", "-n", "user.empty", "--absolute-names", file), Does.EndWith("\nuser.empty=0x"));
        Assert.That(PosixFs.ListXattrs(path), Is.EquivalentTo(GetfattrNames(file)));
    }

    [Test]
    public void Values_written_by_setfattr_read_back_byte_for_byte()
    {
        using var temp = new TempDirectory();
        string file = temp.Write("f", "x"u8);
        ExternalTool.Succeed("setfattr", "-n", "user.binary", "-v", "0x" + Convert.ToHexString(s_everyByte), file);
        ExternalTool.Succeed("setfattr", "-n", "user.empty", "-v", "", file);
        ExternalTool.Succeed("setfattr", "-n", "trusted.root-only", "-v", "t", file);

        byte[] path = BytePath.Of(file);

        Assert.That(PosixFs.GetXattr(path, "user.binary"u8), Is.EqualTo(s_everyByte));
        Assert.That(PosixFs.GetXattr(path, "user.empty"u8), Is.Empty);
        Assert.That(PosixFs.GetXattr(path, "trusted.root-only"u8), Is.EqualTo("t"u8.ToArray()));
        Assert.That(PosixFs.ListXattrs(path), Is.EquivalentTo(GetfattrNames(file)));
        Assert.That(PosixFs.ListXattrs(path), Is.SupersetOf(new[] { "user.binary"u8.ToArray(), "user.empty"u8.ToArray(), "trusted.root-only"u8.ToArray() }));
    }

    [Test]
    public void A_missing_attribute_reads_as_null_and_cannot_be_removed()
    {
        using var temp = new TempDirectory();
        byte[] path = BytePath.Of(temp.Write("f", "x"u8));

        Assert.That(PosixFs.GetXattr(path, "user.none"u8), Is.Null);
        var error = Assert.Throws<PosixException>(() => PosixFs.RemoveXattr(path, "user.none"u8));
        Assert.That(error!.Errno, Is.EqualTo(Errno.ENODATA));
        Assert.That(error.Message, Does.StartWith($"lremovexattr '{temp["f"]}': "));
        Assert.That(Assert.Throws<PosixException>(() => PosixFs.GetXattr(BytePath.Of(temp["missing"]), "user.a"u8))!.Errno, Is.EqualTo(Errno.ENOENT));
        Assert.That(Assert.Throws<PosixException>(() => PosixFs.ListXattrs(BytePath.Of(temp["missing"])))!.Errno, Is.EqualTo(Errno.ENOENT));
    }

    [Test]
    public void Removed_and_replaced_attributes_are_gone_for_getfattr_too()
    {
        using var temp = new TempDirectory();
        string file = temp.Write("f", "x"u8);
        byte[] path = BytePath.Of(file);
        for (int i = 0; i < 40; i++)
        {
            PosixFs.SetXattr(path, BytePath.Of($"user.attribute-{i:D2}"), BytePath.Of(new string('v', i)));
        }

        PosixFs.RemoveXattr(path, "user.attribute-07"u8);
        PosixFs.SetXattr(path, "user.attribute-08"u8, "replaced"u8);

        List<byte[]> names = PosixFs.ListXattrs(path);
        Assert.That(names, Has.Count.EqualTo(GetfattrNames(file).Count));
        Assert.That(names, Is.EquivalentTo(GetfattrNames(file)));
        Assert.That(names, Does.Not.Contain("user.attribute-07"u8.ToArray()));
        Assert.That(ExternalTool.Succeed("getfattr", "--only-values", "-n", "user.attribute-08", file).Output, Is.EqualTo("replaced"u8.ToArray()));
    }

    [Test]
    public void Calls_on_a_symlink_never_reach_its_target()
    {
        using var temp = new TempDirectory();
        string target = temp.Write("target", "x"u8);
        byte[] link = BytePath.Of(temp["link"]);
        PosixFs.Symlink("target"u8, link);
        PosixFs.SetXattr(BytePath.Of(target), "user.on-target"u8, "t"u8);

        Assert.That(PosixFs.ListXattrs(link), Does.Not.Contain("user.on-target"u8.ToArray()));
        Assert.That(PosixFs.GetXattr(link, "user.on-target"u8), Is.Null);
        // The kernel allows user.* attributes on regular files and directories only.
        Assert.That(Assert.Throws<PosixException>(() => PosixFs.SetXattr(link, "user.on-link"u8, "l"u8))!.Errno, Is.EqualTo(Errno.EPERM));
        PosixFs.SetXattr(link, "trusted.on-link"u8, "l"u8);
        Assert.That(PosixFs.GetXattr(link, "trusted.on-link"u8), Is.EqualTo("l"u8.ToArray()));
        Assert.That(PosixFs.GetXattr(BytePath.Of(target), "trusted.on-link"u8), Is.Null);
    }

    /// <summary>Every attribute name getfattr sees (the pattern "-" matches all namespaces).</summary>
    private static List<byte[]> GetfattrNames(string file)
    {
        string output = ExternalTool.Succeed("getfattr", "--absolute-names", "-m", "-", "-e", "hex", "-d", file).Text;
        return [.. output.Split('\n')
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => BytePath.Of(line[..line.IndexOf('=', StringComparison.Ordinal)]))];
    }
}
