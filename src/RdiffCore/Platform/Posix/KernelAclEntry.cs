using RdiffCore.Model;

namespace RdiffCore.Platform.Posix;

/// <summary>
/// One entry of an ACL as the kernel stores it: numeric ids, <see cref="AclXattr.NoId"/> for the
/// entries without a qualifier. Ordering is the kernel's (and getfacl's): by tag, then by id.
/// </summary>
internal readonly record struct KernelAclEntry(AclTag Tag, int Permissions, uint Id) : IComparable<KernelAclEntry>
{
    public bool IsNamed => Tag is AclTag.User or AclTag.Group;

    public int CompareTo(KernelAclEntry other)
    {
        int byTag = Tag.CompareTo(other.Tag);
        return byTag != 0 ? byTag : Id.CompareTo(other.Id);
    }

    public static bool operator <(KernelAclEntry left, KernelAclEntry right) => left.CompareTo(right) < 0;

    public static bool operator >(KernelAclEntry left, KernelAclEntry right) => left.CompareTo(right) > 0;

    public static bool operator <=(KernelAclEntry left, KernelAclEntry right) => left.CompareTo(right) <= 0;

    public static bool operator >=(KernelAclEntry left, KernelAclEntry right) => left.CompareTo(right) >= 0;
}
