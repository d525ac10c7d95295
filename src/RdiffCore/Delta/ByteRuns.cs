using System.Runtime.InteropServices;

namespace RdiffCore.Delta;

/// <summary>Lengths of equal runs at the start or end of two byte spans (vectorised where the BCL is).</summary>
internal static class ByteRuns
{
    public static int CommonPrefix(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b) => a.CommonPrefixLength(b);

    /// <summary>How many bytes at the ends of <paramref name="a"/> and <paramref name="b"/> are equal.</summary>
    public static int CommonSuffix(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        int length = Math.Min(a.Length, b.Length);
        a = a[^length..];
        b = b[^length..];
        int matched = 0;
        // Eight bytes at a time from the end, then byte by byte inside the first differing word.
        while (length - matched >= 8)
        {
            ulong x = MemoryMarshal.Read<ulong>(a[(length - matched - 8)..]);
            ulong y = MemoryMarshal.Read<ulong>(b[(length - matched - 8)..]);
            if (x != y)
            {
                break;
            }
            matched += 8;
        }
        while (matched < length && a[length - matched - 1] == b[length - matched - 1])
        {
            matched++;
        }
        return matched;
    }
}
