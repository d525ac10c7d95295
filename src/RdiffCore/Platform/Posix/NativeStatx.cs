using System.Runtime.InteropServices;
using RdiffCore.Model;

namespace RdiffCore.Platform.Posix;

/// <summary>
/// The kernel's struct statx (linux/stat.h). Its layout is the same on every architecture, which is
/// why this layer uses statx and not stat.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 256)]
internal struct NativeStatx
{
    /// <summary>STATX_BASIC_STATS: type, mode, nlink, uid, gid, atime, mtime, ctime, ino, size, blocks.</summary>
    public const uint BasicStats = 0x7ff;

    [FieldOffset(0)] public uint Mask;
    [FieldOffset(16)] public uint LinkCount;
    [FieldOffset(20)] public uint Uid;
    [FieldOffset(24)] public uint Gid;
    [FieldOffset(28)] public ushort Mode;
    [FieldOffset(32)] public ulong Inode;
    [FieldOffset(40)] public ulong Size;
    [FieldOffset(48)] public ulong Blocks;
    [FieldOffset(64)] public long AccessSeconds;
    [FieldOffset(72)] public uint AccessNanoseconds;
    [FieldOffset(112)] public long ModSeconds;
    [FieldOffset(120)] public uint ModNanoseconds;
    [FieldOffset(128)] public uint RdevMajor;
    [FieldOffset(132)] public uint RdevMinor;
    [FieldOffset(136)] public uint DevMajor;
    [FieldOffset(140)] public uint DevMinor;

    public readonly FileStatus ToFileStatus() => new(
        ModeBits.KindOf(Mode),
        Mode & 0xfff,
        Uid,
        Gid,
        (long)Size,
        LinkCount,
        Inode,
        MakeDev(DevMajor, DevMinor),
        RdevMajor,
        RdevMinor,
        ModSeconds,
        ModNanoseconds,
        AccessSeconds,
        AccessNanoseconds,
        (long)Blocks);

    /// <summary>glibc's makedev: the dev_t that stat() would have returned for this major/minor pair.</summary>
    public static ulong MakeDev(uint major, uint minor) =>
        ((ulong)(major & 0x00000fffu) << 8)
        | ((ulong)(major & 0xfffff000u) << 32)
        | (minor & 0x000000ffu)
        | ((ulong)(minor & 0xffffff00u) << 12);
}
