using System.Runtime.InteropServices;

namespace RdiffCore.Platform.Posix;

/// <summary>glibc's struct passwd on x86_64; the pointers point into the buffer given to getpw*_r.</summary>
[StructLayout(LayoutKind.Explicit, Size = 48)]
internal unsafe struct NativePasswd
{
    [FieldOffset(0)] public byte* Name;
    [FieldOffset(16)] public uint Uid;
    [FieldOffset(20)] public uint Gid;
}
