using System.Runtime.InteropServices;

namespace RdiffCore.Platform.Posix;

/// <summary>The *at family: calls relative to an open directory, so that no path is resolved from a string twice.</summary>
internal static unsafe partial class LibC
{
    public const int OpenPath = 0x200000;
    public const int AtRemoveDir = 0x200;

    public const ulong ResolveNoMagicLinks = 0x02;
    public const ulong ResolveNoSymlinks = 0x04;
    public const ulong ResolveBeneath = 0x08;

    private const nint SysOpenat2 = 437;
    private const nint SysFchmodat2 = 452;

    [LibraryImport(Library, EntryPoint = "openat", SetLastError = true)]
    public static partial int OpenAt(int directory, ReadOnlySpan<byte> path, int flags, uint mode);

    // syscall is variadic; on x86_64 its integer arguments travel in the registers of a fixed call.
    [LibraryImport(Library, EntryPoint = "syscall", SetLastError = true)]
    private static partial nint Syscall(nint number, nint directory, byte* path, OpenHow* how, nuint size);

    [LibraryImport(Library, EntryPoint = "syscall", SetLastError = true)]
    private static partial nint Syscall(nint number, nint directory, byte* path, nint mode, nint flags);

    /// <summary>openat2(2) (Linux 5.6): resolves <paramref name="path"/> under <paramref name="directory"/> with the given RESOLVE_* rules.</summary>
    public static int OpenAt2(int directory, ReadOnlySpan<byte> path, int flags, ulong resolve)
    {
        var how = new OpenHow { Flags = (ulong)(uint)flags, Mode = 0, Resolve = resolve };
        fixed (byte* p = path)
        {
            return (int)Syscall(SysOpenat2, directory, p, &how, (nuint)sizeof(OpenHow));
        }
    }

    /// <summary>fchmodat2(2) (Linux 6.6), the one chmod that can refuse to follow a symlink.</summary>
    public static int FchmodAt2(int directory, ReadOnlySpan<byte> path, uint mode, int flags)
    {
        fixed (byte* p = path)
        {
            return (int)Syscall(SysFchmodat2, directory, p, (nint)mode, flags);
        }
    }

    [LibraryImport(Library, EntryPoint = "mkdirat", SetLastError = true)]
    public static partial int MkDirAt(int directory, ReadOnlySpan<byte> path, uint mode);

    [LibraryImport(Library, EntryPoint = "unlinkat", SetLastError = true)]
    public static partial int UnlinkAt(int directory, ReadOnlySpan<byte> path, int flags);

    [LibraryImport(Library, EntryPoint = "renameat", SetLastError = true)]
    public static partial int RenameAt(int fromDirectory, ReadOnlySpan<byte> from, int toDirectory, ReadOnlySpan<byte> to);

    [LibraryImport(Library, EntryPoint = "linkat", SetLastError = true)]
    public static partial int LinkAt(int fromDirectory, ReadOnlySpan<byte> existing, int toDirectory, ReadOnlySpan<byte> newPath, int flags);

    [LibraryImport(Library, EntryPoint = "symlinkat", SetLastError = true)]
    public static partial int SymlinkAt(ReadOnlySpan<byte> target, int directory, ReadOnlySpan<byte> linkPath);

    [LibraryImport(Library, EntryPoint = "mknodat", SetLastError = true)]
    public static partial int MkNodAt(int directory, ReadOnlySpan<byte> path, uint mode, ulong device);

    [LibraryImport(Library, EntryPoint = "fchownat", SetLastError = true)]
    public static partial int FchownAt(int directory, ReadOnlySpan<byte> path, uint uid, uint gid, int flags);

    [LibraryImport(Library, EntryPoint = "readlinkat", SetLastError = true)]
    public static partial nint ReadLinkAt(int directory, ReadOnlySpan<byte> path, Span<byte> buffer, nuint size);

    [StructLayout(LayoutKind.Sequential)]
    private struct OpenHow
    {
        public ulong Flags;
        public ulong Mode;
        public ulong Resolve;
    }
}
