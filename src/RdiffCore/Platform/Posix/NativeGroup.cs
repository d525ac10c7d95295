using System.Runtime.InteropServices;

namespace RdiffCore.Platform.Posix;

/// <summary>glibc's struct group on x86_64; the pointers point into the buffer given to getgr*_r.</summary>
[StructLayout(LayoutKind.Explicit, Size = 32)]
internal unsafe struct NativeGroup
{
    [FieldOffset(0)] public byte* Name;
    [FieldOffset(16)] public uint Gid;
}
