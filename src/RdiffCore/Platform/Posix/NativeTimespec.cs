using System.Runtime.InteropServices;

namespace RdiffCore.Platform.Posix;

/// <summary>struct timespec on 64-bit Linux (two 64-bit fields), as utimensat takes it.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct NativeTimespec
{
    public long Seconds;
    public long Nanoseconds;
}
