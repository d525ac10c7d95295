using System.Globalization;
using RdiffCore.Model;

namespace RdiffCore.Platform.Posix;

/// <summary>
/// POSIX ACLs of one path, as the entries rdiff-backup stores (format.md §1.8), read
/// from and written to the kernel's system.posix_acl_* attributes. Never call these on a symlink.
/// </summary>
internal static class PosixAcls
{
    private const int BaseEntryCount = 3;

    /// <summary>
    /// [] for a basic ACL (no extended access ACL and no default ACL); otherwise the access entries,
    /// then the default ones, each in getfacl order. Without an access attribute the access part is
    /// user::, group::, other:: from <paramref name="permissions"/>, as getfacl shows it.
    /// </summary>
    public static IReadOnlyList<AclEntry> Read(ReadOnlySpan<byte> path, int permissions, bool isDirectory, OwnerNames names)
    {
        List<KernelAclEntry>? access = ReadAttribute(path, AclXattr.AccessName);
        List<KernelAclEntry>? defaults = isDirectory ? ReadAttribute(path, AclXattr.DefaultName) : null;
        bool extended = access is { Count: > BaseEntryCount };
        bool hasDefault = defaults is { Count: > 0 };
        if (!extended && !hasDefault)
        {
            return [];
        }
        if (access is not { Count: > 0 })
        {
            access = FromMode(permissions);
        }
        var entries = new List<AclEntry>(access.Count + (defaults?.Count ?? 0));
        AddWithQualifiers(entries, access, isDefault: false, names);
        if (hasDefault)
        {
            AddWithQualifiers(entries, defaults!, isDefault: true, names);
        }
        return entries;
    }

    /// <summary>
    /// Sets the access ACL ([] of them removes it) and, for a directory, the default ACL ([] removes
    /// it). The kernel sets the mode's user, group (mask) and other bits from the access ACL. Left
    /// out and returned: entries naming an unknown user or group, a second entry for the same id
    /// (the kernel refuses such an ACL), default entries of a non-directory. A mask missing beside
    /// named entries is computed as setfacl does.
    /// </summary>
    public static IReadOnlyList<AclEntry> Write(ReadOnlySpan<byte> path, IReadOnlyList<AclEntry> entries, bool isDirectory, OwnerNames names)
    {
        var dropped = new List<AclEntry>();
        var access = new List<KernelAclEntry>();
        var defaults = new List<KernelAclEntry>();
        foreach (AclEntry entry in entries)
        {
            List<KernelAclEntry> part = entry.IsDefault ? defaults : access;
            if ((entry.IsDefault && !isDirectory)
                || Resolve(entry, names) is not { } resolved
                || part.Exists(e => e.Tag == resolved.Tag && e.Id == resolved.Id))
            {
                dropped.Add(entry);
                continue;
            }
            part.Add(resolved);
        }
        Apply(path, AclXattr.AccessName, access);
        if (isDirectory)
        {
            Apply(path, AclXattr.DefaultName, defaults);
        }
        return dropped;
    }

    private static void Apply(ReadOnlySpan<byte> path, ReadOnlySpan<byte> name, List<KernelAclEntry> entries)
    {
        if (entries.Count == 0)
        {
            try
            {
                PosixFs.RemoveXattr(path, name);
            }
            catch (PosixException error) when (error.Errno is Errno.ENODATA or Errno.EOPNOTSUPP)
            {
                // Already no such ACL.
            }
            return;
        }
        AddMissingMask(entries);
        PosixFs.SetXattr(path, name, AclXattr.Encode(entries));
    }

    /// <summary>Named entries need a mask; setfacl makes it the union of the group class permissions.</summary>
    private static void AddMissingMask(List<KernelAclEntry> entries)
    {
        if (!entries.Exists(e => e.IsNamed) || entries.Exists(e => e.Tag == AclTag.Mask))
        {
            return;
        }
        int union = 0;
        foreach (KernelAclEntry entry in entries)
        {
            if (entry.Tag is AclTag.User or AclTag.Group or AclTag.GroupObj)
            {
                union |= entry.Permissions;
            }
        }
        entries.Add(new KernelAclEntry(AclTag.Mask, union, AclXattr.NoId));
    }

    private static KernelAclEntry? Resolve(AclEntry entry, OwnerNames names)
    {
        int permissions = entry.Permissions & 7;
        if (entry.Tag is not (AclTag.User or AclTag.Group))
        {
            return new KernelAclEntry(entry.Tag, permissions, AclXattr.NoId);
        }
        if (entry.Qualifier is null)
        {
            return null;
        }
        uint? id = uint.TryParse(entry.Qualifier, NumberStyles.None, CultureInfo.InvariantCulture, out uint number)
            ? number
            : entry.Tag == AclTag.User ? names.UserId(entry.Qualifier) : names.GroupId(entry.Qualifier);
        return id is { } known && known != AclXattr.NoId ? new KernelAclEntry(entry.Tag, permissions, known) : null;
    }

    private static List<KernelAclEntry>? ReadAttribute(ReadOnlySpan<byte> path, ReadOnlySpan<byte> name)
    {
        byte[]? value;
        try
        {
            value = PosixFs.GetXattr(path, name);
        }
        catch (PosixException error) when (error.Errno == Errno.EOPNOTSUPP)
        {
            return null; // a file system without ACLs: every file's ACL is its mode
        }
        if (value is null)
        {
            return null;
        }
        if (!AclXattr.TryDecode(value, out List<KernelAclEntry> entries))
        {
            throw new PosixException(Errno.EINVAL, $"decode {System.Text.Encoding.ASCII.GetString(name)}", path);
        }
        return entries;
    }

    private static List<KernelAclEntry> FromMode(int permissions) =>
    [
        new(AclTag.UserObj, (permissions >> 6) & 7, AclXattr.NoId),
        new(AclTag.GroupObj, (permissions >> 3) & 7, AclXattr.NoId),
        new(AclTag.Other, permissions & 7, AclXattr.NoId),
    ];

    private static void AddWithQualifiers(List<AclEntry> entries, List<KernelAclEntry> source, bool isDefault, OwnerNames names)
    {
        foreach (KernelAclEntry entry in source)
        {
            string? qualifier = entry.Tag switch
            {
                AclTag.User => names.UserName(entry.Id) ?? entry.Id.ToString(CultureInfo.InvariantCulture),
                AclTag.Group => names.GroupName(entry.Id) ?? entry.Id.ToString(CultureInfo.InvariantCulture),
                _ => null,
            };
            entries.Add(new AclEntry(isDefault, entry.Tag, qualifier, entry.Permissions));
        }
    }
}
