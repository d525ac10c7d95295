using System.Buffers.Binary;
using RdiffCore.Model;

namespace RdiffCore.Platform.Posix;

/// <summary>
/// The kernel's binary form of an ACL in the system.posix_acl_access and system.posix_acl_default
/// attributes: a little-endian u32 version 2, then 8-byte entries {u16 tag, u16 perm, u32 id}.
/// </summary>
internal static class AclXattr
{
    public const uint NoId = 0xFFFFFFFF;
    private const uint Version = 2;
    private const int HeaderLength = 4;
    private const int EntryLength = 8;

    public static ReadOnlySpan<byte> AccessName => "system.posix_acl_access"u8;

    public static ReadOnlySpan<byte> DefaultName => "system.posix_acl_default"u8;

    /// <summary>The entries in kernel order; false when the bytes are not a version 2 ACL.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> value, out List<KernelAclEntry> entries)
    {
        entries = [];
        if (value.Length < HeaderLength
            || (value.Length - HeaderLength) % EntryLength != 0
            || BinaryPrimitives.ReadUInt32LittleEndian(value) != Version)
        {
            return false;
        }
        for (int offset = HeaderLength; offset < value.Length; offset += EntryLength)
        {
            ReadOnlySpan<byte> entry = value.Slice(offset, EntryLength);
            if (TagOf(BinaryPrimitives.ReadUInt16LittleEndian(entry)) is not { } tag)
            {
                return false;
            }
            int permissions = BinaryPrimitives.ReadUInt16LittleEndian(entry[2..]) & 7;
            uint id = BinaryPrimitives.ReadUInt32LittleEndian(entry[4..]);
            entries.Add(new KernelAclEntry(tag, permissions, tag is AclTag.User or AclTag.Group ? id : NoId));
        }
        entries.Sort();
        return true;
    }

    /// <summary>The attribute value for these entries, sorted as the kernel requires.</summary>
    public static byte[] Encode(IReadOnlyCollection<KernelAclEntry> entries)
    {
        var sorted = entries.ToList();
        sorted.Sort();
        byte[] value = new byte[HeaderLength + (EntryLength * sorted.Count)];
        BinaryPrimitives.WriteUInt32LittleEndian(value, Version);
        int offset = HeaderLength;
        foreach (KernelAclEntry entry in sorted)
        {
            Span<byte> slot = value.AsSpan(offset, EntryLength);
            BinaryPrimitives.WriteUInt16LittleEndian(slot, KernelTag(entry.Tag));
            BinaryPrimitives.WriteUInt16LittleEndian(slot[2..], (ushort)(entry.Permissions & 7));
            BinaryPrimitives.WriteUInt32LittleEndian(slot[4..], entry.IsNamed ? entry.Id : NoId);
            offset += EntryLength;
        }
        return value;
    }

    private static AclTag? TagOf(ushort kernelTag) => kernelTag switch
    {
        0x01 => AclTag.UserObj,
        0x02 => AclTag.User,
        0x04 => AclTag.GroupObj,
        0x08 => AclTag.Group,
        0x10 => AclTag.Mask,
        0x20 => AclTag.Other,
        _ => null,
    };

    private static ushort KernelTag(AclTag tag) => tag switch
    {
        AclTag.UserObj => 0x01,
        AclTag.User => 0x02,
        AclTag.GroupObj => 0x04,
        AclTag.Group => 0x08,
        AclTag.Mask => 0x10,
        AclTag.Other => 0x20,
        _ => throw new ArgumentOutOfRangeException(nameof(tag), tag, "Not an ACL tag."),
    };
}
