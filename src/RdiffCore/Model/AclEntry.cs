namespace RdiffCore.Model;

/// <summary>
/// One POSIX ACL entry. <paramref name="Qualifier"/> is the user or group name (or the numeric id
/// when no name is known) for named entries, null otherwise. <paramref name="Permissions"/> is rwx as
/// 4|2|1. <paramref name="IsDefault"/> marks a directory's default ACL.
/// </summary>
internal readonly record struct AclEntry(bool IsDefault, AclTag Tag, string? Qualifier, int Permissions);
