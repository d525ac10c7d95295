using System.Runtime.InteropServices;

namespace RdiffCore.Platform.Posix;

/// <summary>
/// The glibc functions this layer calls (glibc 2.36, x86_64). Paths and xattr names are
/// NUL-terminated byte spans (see <see cref="CPath"/>); errno is kept by SetLastError.
/// </summary>
internal static unsafe partial class LibC
{
    public const int AtFdCwd = -100;
    public const int AtSymlinkNoFollow = 0x100;
    public const int AtEmptyPath = 0x1000;

    public const int OpenReadOnly = 0x0;
    public const int OpenWriteOnly = 0x1;
    public const int OpenReadWrite = 0x2;
    public const int OpenCreate = 0x40;
    public const int OpenExclusive = 0x80;
    public const int OpenDirectory = 0x10000;
    public const int OpenNoFollow = 0x20000;
    public const int OpenCloseOnExec = 0x80000;

    public const int LockShared = 1;
    public const int LockExclusive = 2;
    public const int LockNonBlocking = 4;

    private const string Library = "libc";

    [LibraryImport(Library, EntryPoint = "statx", SetLastError = true)]
    public static partial int Statx(int directory, ReadOnlySpan<byte> path, int flags, uint mask, out NativeStatx buffer);

    // open is variadic in C; on x86_64 a variadic int argument travels exactly like a fixed one.
    [LibraryImport(Library, EntryPoint = "open", SetLastError = true)]
    public static partial int Open(ReadOnlySpan<byte> path, int flags, uint mode);

    [LibraryImport(Library, EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);

    [LibraryImport(Library, EntryPoint = "getdents64", SetLastError = true)]
    public static partial nint GetDents64(int fd, Span<byte> buffer, nuint length);

    [LibraryImport(Library, EntryPoint = "getcwd", SetLastError = true)]
    public static partial nint GetCwd(Span<byte> buffer, nuint size);

    [LibraryImport(Library, EntryPoint = "readlink", SetLastError = true)]
    public static partial nint ReadLink(ReadOnlySpan<byte> path, Span<byte> buffer, nuint size);

    [LibraryImport(Library, EntryPoint = "mkdir", SetLastError = true)]
    public static partial int MkDir(ReadOnlySpan<byte> path, uint mode);

    [LibraryImport(Library, EntryPoint = "rmdir", SetLastError = true)]
    public static partial int RmDir(ReadOnlySpan<byte> path);

    [LibraryImport(Library, EntryPoint = "unlink", SetLastError = true)]
    public static partial int Unlink(ReadOnlySpan<byte> path);

    [LibraryImport(Library, EntryPoint = "rename", SetLastError = true)]
    public static partial int Rename(ReadOnlySpan<byte> from, ReadOnlySpan<byte> to);

    [LibraryImport(Library, EntryPoint = "link", SetLastError = true)]
    public static partial int Link(ReadOnlySpan<byte> existing, ReadOnlySpan<byte> newPath);

    [LibraryImport(Library, EntryPoint = "symlink", SetLastError = true)]
    public static partial int Symlink(ReadOnlySpan<byte> target, ReadOnlySpan<byte> linkPath);

    [LibraryImport(Library, EntryPoint = "mknod", SetLastError = true)]
    public static partial int MkNod(ReadOnlySpan<byte> path, uint mode, ulong device);

    [LibraryImport(Library, EntryPoint = "lchown", SetLastError = true)]
    public static partial int LChown(ReadOnlySpan<byte> path, uint uid, uint gid);

    [LibraryImport(Library, EntryPoint = "chmod", SetLastError = true)]
    public static partial int Chmod(ReadOnlySpan<byte> path, uint mode);

    [LibraryImport(Library, EntryPoint = "utimensat", SetLastError = true)]
    public static partial int UTimensAt(int directory, ReadOnlySpan<byte> path, ReadOnlySpan<NativeTimespec> times, int flags);

    [LibraryImport(Library, EntryPoint = "geteuid")]
    public static partial uint GetEUid();

    [LibraryImport(Library, EntryPoint = "fsync", SetLastError = true)]
    public static partial int Fsync(int fd);

    [LibraryImport(Library, EntryPoint = "syncfs", SetLastError = true)]
    public static partial int SyncFs(int fd);

    [LibraryImport(Library, EntryPoint = "flock", SetLastError = true)]
    public static partial int Flock(int fd, int operation);

    [LibraryImport(Library, EntryPoint = "kill", SetLastError = true)]
    public static partial int Kill(int pid, int signal);

    [LibraryImport(Library, EntryPoint = "statvfs", SetLastError = true)]
    public static partial int StatVfs(ReadOnlySpan<byte> path, out NativeStatvfs buffer);

    [LibraryImport(Library, EntryPoint = "llistxattr", SetLastError = true)]
    public static partial nint LListXattr(ReadOnlySpan<byte> path, Span<byte> list, nuint size);

    [LibraryImport(Library, EntryPoint = "lgetxattr", SetLastError = true)]
    public static partial nint LGetXattr(ReadOnlySpan<byte> path, ReadOnlySpan<byte> name, Span<byte> value, nuint size);

    [LibraryImport(Library, EntryPoint = "lsetxattr", SetLastError = true)]
    public static partial int LSetXattr(ReadOnlySpan<byte> path, ReadOnlySpan<byte> name, ReadOnlySpan<byte> value, nuint size, int flags);

    [LibraryImport(Library, EntryPoint = "lremovexattr", SetLastError = true)]
    public static partial int LRemoveXattr(ReadOnlySpan<byte> path, ReadOnlySpan<byte> name);

    // The get*_r functions return the error number instead of setting errno. The buffer must stay
    // fixed while the result is read: the struct's strings point into it.
    [LibraryImport(Library, EntryPoint = "getpwuid_r")]
    public static partial int GetPwUidR(uint uid, NativePasswd* entry, byte* buffer, nuint length, NativePasswd** result);

    [LibraryImport(Library, EntryPoint = "getpwnam_r")]
    public static partial int GetPwNamR(byte* name, NativePasswd* entry, byte* buffer, nuint length, NativePasswd** result);

    [LibraryImport(Library, EntryPoint = "getgrgid_r")]
    public static partial int GetGrGidR(uint gid, NativeGroup* entry, byte* buffer, nuint length, NativeGroup** result);

    [LibraryImport(Library, EntryPoint = "getgrnam_r")]
    public static partial int GetGrNamR(byte* name, NativeGroup* entry, byte* buffer, nuint length, NativeGroup** result);

    /// <summary>errno of the last call made with SetLastError.</summary>
    public static Errno LastError => (Errno)Marshal.GetLastPInvokeError();
}
