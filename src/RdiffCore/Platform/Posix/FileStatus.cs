using RdiffCore.Model;

namespace RdiffCore.Platform.Posix;

/// <summary>
/// What lstat/fstat report about one file. <paramref name="Permissions"/> is <c>mode &amp; 07777</c>.
/// <paramref name="Device"/> is st_dev in glibc's makedev encoding, the number rdiff-backup records
/// as DeviceLoc. <paramref name="Blocks"/> counts 512-byte units.
/// </summary>
internal readonly record struct FileStatus(
    FileKind Kind,
    int Permissions,
    uint Uid,
    uint Gid,
    long Size,
    ulong LinkCount,
    ulong Inode,
    ulong Device,
    uint RdevMajor,
    uint RdevMinor,
    long ModTimeSeconds,
    uint ModTimeNanoseconds,
    long AccessTimeSeconds,
    uint AccessTimeNanoseconds,
    long Blocks);
