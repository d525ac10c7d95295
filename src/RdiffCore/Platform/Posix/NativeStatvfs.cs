using System.Runtime.InteropServices;

namespace RdiffCore.Platform.Posix;

/// <summary>glibc's struct statvfs on x86_64 (unsigned long is 64 bits); only the fields read here.</summary>
[StructLayout(LayoutKind.Explicit, Size = 112)]
internal struct NativeStatvfs
{
    [FieldOffset(0)] public ulong BlockSize;
    [FieldOffset(8)] public ulong FragmentSize;
    [FieldOffset(16)] public ulong Blocks;
    [FieldOffset(24)] public ulong FreeBlocks;
    [FieldOffset(32)] public ulong AvailableBlocks;
}
