using System.Runtime.InteropServices;

namespace RdiffCore.Platform.Posix;

/// <summary>listxattrat(2) and getxattrat(2) (Linux 6.13): the xattr calls relative to an open directory.</summary>
internal static unsafe partial class LibC
{
    private const nint SysGetxattrat = 464;
    private const nint SysListxattrat = 465;

    [LibraryImport(Library, EntryPoint = "syscall", SetLastError = true)]
    private static partial nint Syscall(nint number, nint directory, byte* path, nint flags, byte* list, nuint size);

    [LibraryImport(Library, EntryPoint = "syscall", SetLastError = true)]
    private static partial nint Syscall(nint number, nint directory, byte* path, nint flags, byte* name, XattrArgs* args, nuint size);

    /// <summary>listxattrat(2): with <see cref="AtSymlinkNoFollow"/> the names of a symlink itself; ENOSYS before Linux 6.13.</summary>
    public static nint ListXattrAt(int directory, ReadOnlySpan<byte> path, int flags, Span<byte> list)
    {
        fixed (byte* p = path)
        fixed (byte* l = list)
        {
            return Syscall(SysListxattrat, directory, p, flags, l, (nuint)list.Length);
        }
    }

    /// <summary>getxattrat(2): the value of attribute <paramref name="name"/> (NUL-terminated); its size when <paramref name="value"/> is empty.</summary>
    public static nint GetXattrAt(int directory, ReadOnlySpan<byte> path, int flags, ReadOnlySpan<byte> name, Span<byte> value)
    {
        fixed (byte* p = path)
        fixed (byte* n = name)
        fixed (byte* v = value)
        {
            var args = new XattrArgs { Value = (ulong)v, Size = (uint)value.Length, Flags = 0 };
            return Syscall(SysGetxattrat, directory, p, flags, n, &args, (nuint)sizeof(XattrArgs));
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct XattrArgs
    {
        public ulong Value;
        public uint Size;
        public uint Flags;
    }
}
