namespace RdiffCore.Model;

/// <summary>The kinds of POSIX ACL entry, as getfacl names them.</summary>
internal enum AclTag
{
    UserObj,
    User,
    GroupObj,
    Group,
    Mask,
    Other,
}
