using RdiffCore.Model;
using RdiffCore.Platform.Posix;
using RdiffCore.Tests.Support;

namespace RdiffCore.Tests.Platform.Posix;

/// <summary>The kernel's binary ACL form, checked against the bytes the kernel itself keeps.</summary>
public sealed class AclXattrTests
{
    [Test]
    public void Encode_gives_the_bytes_the_kernel_stores_for_setfacl()
    {
        using var temp = new TempDirectory();
        string file = temp.Write("f", "x"u8);
        Getfacl.Set(file, "u::rw-,u:65534:r--,u:7:rwx,g::r--,g:0:-w-,m::rwx,o::--x");
        byte[] kernel = ExternalTool.Succeed("getfattr", "--only-values", "-n", "system.posix_acl_access", file).Output;
        KernelAclEntry[] entries =
        [
            new(AclTag.Other, 1, AclXattr.NoId),
            new(AclTag.User, 4, 65534),
            new(AclTag.UserObj, 6, AclXattr.NoId),
            new(AclTag.Group, 2, 0),
            new(AclTag.User, 7, 7),
            new(AclTag.GroupObj, 4, AclXattr.NoId),
            new(AclTag.Mask, 7, AclXattr.NoId),
        ];

        Assert.That(AclXattr.Encode(entries), Is.EqualTo(kernel), "sorted into the kernel's order");
        Assert.That(AclXattr.TryDecode(kernel, out List<KernelAclEntry> decoded), Is.True);
        Assert.That(decoded, Is.EqualTo(entries.Order()));
    }

    [Test]
    public void Decode_reads_a_hand_made_value()
    {
        byte[] value = Convert.FromHexString("02000000" + "01000600FFFFFFFF" + "02000400E8030000" + "04000500FFFFFFFF" + "10000400FFFFFFFF" + "20000000FFFFFFFF");

        Assert.That(AclXattr.TryDecode(value, out List<KernelAclEntry> entries), Is.True);
        Assert.That(entries, Is.EqualTo(new KernelAclEntry[]
        {
            new(AclTag.UserObj, 6, AclXattr.NoId),
            new(AclTag.User, 4, 1000),
            new(AclTag.GroupObj, 5, AclXattr.NoId),
            new(AclTag.Mask, 4, AclXattr.NoId),
            new(AclTag.Other, 0, AclXattr.NoId),
        }));
    }

    [TestCase("", TestName = "Rejected: empty")]
    [TestCase("010000000100060000000000", TestName = "Rejected: version 1")]
    [TestCase("0200000001000600FFFFFF", TestName = "Rejected: a cut-off entry")]
    [TestCase("0200000040000600FFFFFFFF", TestName = "Rejected: an unknown tag")]
    public void Decode_rejects_what_is_not_a_version_2_acl(string hex)
    {
        Assert.That(AclXattr.TryDecode(Convert.FromHexString(hex), out _), Is.False);
    }
}
