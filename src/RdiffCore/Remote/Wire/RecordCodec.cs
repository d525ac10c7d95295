using RdiffCore.Model;

namespace RdiffCore.Remote.Wire;

/// <summary>
/// A metadata record on the wire: every field a restore or a backup needs, xattrs and ACL included.
/// The repository's own fields (alternate long-name entries) never travel. A record read is checked
/// as one read from a repository file is: one plain relative path, a known type, and every length
/// within the kernel's own limits, so that the peer cannot name a path outside the tree or make
/// this side allocate without bound.
/// </summary>
internal static class RecordCodec
{
    /// <summary>Linux limits: XATTR_NAME_MAX, XATTR_SIZE_MAX, PATH_MAX, and a bound on entries per file.</summary>
    private const int MaxXattrName = 255, MaxXattrValue = 65536, MaxPath = 4096, MaxEntries = 4096, MaxOwnerName = 256;

    public static void Write(MessageWriter message, MetadataRecord record)
    {
        message.Bytes(record.Path.IsRoot ? "."u8 : record.Path.Bytes)
            .Number((ulong)record.Kind)
            .Number((ulong)record.Size)
            .Bytes(record.Sha1 ?? [])
            .Number((ulong)record.HardLinkCount)
            .Number(record.Inode)
            .Number(record.DeviceLoc)
            .Bytes(record.SymlinkTarget ?? [])
            .Number(record.DeviceMajor)
            .Number(record.DeviceMinor)
            .Number(unchecked((ulong)record.ModTime))
            .Number(record.ModTimeUnknown ? 1UL : 0UL)
            .Number(record.Uid)
            .Number(record.Gid);
        Name(message, record.UserName);
        Name(message, record.GroupName);
        message.Number((ulong)record.Permissions).Number((ulong)record.Xattrs.Count);
        foreach (Xattr xattr in record.Xattrs)
        {
            message.Bytes(xattr.Name).Bytes(xattr.Value);
        }
        message.Number((ulong)record.Acl.Count);
        foreach (AclEntry entry in record.Acl)
        {
            message.Number(entry.IsDefault ? 1UL : 0UL).Number((ulong)entry.Tag);
            Name(message, entry.Qualifier);
            message.Number((ulong)entry.Permissions);
        }
    }

    /// <exception cref="ProtocolException">A field out of its bounds: the peer is broken or hostile.</exception>
    public static MetadataRecord Read(ref MessageReader message, string peer)
    {
        ReadOnlySpan<byte> pathBytes = message.Bytes();
        if (pathBytes.Length > MaxPath || !RelPath.TryFromRecorded(pathBytes, out RelPath path))
        {
            throw Bad(peer, "a path that is not one plain relative path");
        }
        var kind = (FileKind)Bounded(message.Number(), (ulong)FileKind.Socket, peer, "type");
        long size = (long)Bounded(message.Number(), long.MaxValue, peer, "size");
        ReadOnlySpan<byte> sha1 = message.Bytes();
        if (sha1.Length is not (0 or 20))
        {
            throw Bad(peer, $"a SHA-1 of {sha1.Length} bytes");
        }
        long links = (long)Bounded(message.Number(), uint.MaxValue, peer, "link count");
        ulong inode = message.Number(), device = message.Number();
        ReadOnlySpan<byte> target = message.Bytes();
        if (target.Length >= MaxPath || target.Contains((byte)0) || (kind == FileKind.Symlink) == target.IsEmpty)
        {
            throw Bad(peer, "a symlink target that is empty, too long, holds NUL, or belongs to no symlink");
        }
        var record = new MetadataRecord
        {
            Path = path,
            Kind = kind,
            Size = size,
            Sha1 = sha1.IsEmpty ? null : sha1.ToArray(),
            HardLinkCount = links,
            Inode = inode,
            DeviceLoc = device,
            SymlinkTarget = target.IsEmpty ? null : target.ToArray(),
            DeviceMajor = (uint)Bounded(message.Number(), uint.MaxValue, peer, "device major"),
            DeviceMinor = (uint)Bounded(message.Number(), uint.MaxValue, peer, "device minor"),
            ModTime = unchecked((long)message.Number()),
            ModTimeUnknown = Bounded(message.Number(), 1, peer, "flag") == 1,
            Uid = (uint)Bounded(message.Number(), uint.MaxValue, peer, "uid"),
            Gid = (uint)Bounded(message.Number(), uint.MaxValue, peer, "gid"),
            UserName = Name(ref message, peer),
            GroupName = Name(ref message, peer),
            Permissions = (int)Bounded(message.Number(), 0b111_111_111_111, peer, "permissions"),
        };
        int xattrCount = (int)Bounded(message.Number(), MaxEntries, peer, "xattr count");
        var xattrs = new List<Xattr>(xattrCount);
        for (int i = 0; i < xattrCount; i++)
        {
            ReadOnlySpan<byte> name = message.Bytes();
            ReadOnlySpan<byte> value = message.Bytes();
            if (name.IsEmpty || name.Length > MaxXattrName || name.Contains((byte)0) || value.Length > MaxXattrValue)
            {
                throw Bad(peer, "an xattr name or value outside the kernel's limits");
            }
            xattrs.Add(new Xattr(name.ToArray(), value.ToArray()));
        }
        int aclCount = (int)Bounded(message.Number(), MaxEntries, peer, "ACL entry count");
        var acl = new List<AclEntry>(aclCount);
        for (int i = 0; i < aclCount; i++)
        {
            bool isDefault = Bounded(message.Number(), 1, peer, "flag") == 1;
            var tag = (AclTag)Bounded(message.Number(), (ulong)AclTag.Other, peer, "ACL tag");
            string? qualifier = Name(ref message, peer);
            int permissions = (int)Bounded(message.Number(), 7, peer, "ACL permissions");
            acl.Add(new AclEntry(isDefault, tag, qualifier, permissions));
        }
        return record with { Xattrs = xattrs, Acl = acl };
    }

    // An owner name or ACL qualifier: a flag (0: absent), then the name.
    private static void Name(MessageWriter message, string? name)
    {
        if (name is null)
        {
            message.Number(0);
            return;
        }
        message.Number(1).Text(name);
    }

    private static string? Name(ref MessageReader message, string peer)
    {
        if (Bounded(message.Number(), 1, peer, "flag") == 0)
        {
            return null;
        }
        ReadOnlySpan<byte> bytes = message.Bytes();
        if (bytes.Length > MaxOwnerName || bytes.Contains((byte)0))
        {
            throw Bad(peer, "an owner name that is too long or holds NUL");
        }
        return System.Text.Encoding.UTF8.GetString(bytes);
    }

    private static ulong Bounded(ulong value, ulong max, string peer, string field) =>
        value <= max ? value : throw Bad(peer, $"a {field} of {value}");

    private static ProtocolException Bad(string peer, string what) =>
        new($"{peer} sent a record with {what}; the connection was closed");
}
