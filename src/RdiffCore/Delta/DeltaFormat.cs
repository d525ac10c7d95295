using System.Numerics;

namespace RdiffCore.Delta;

/// <summary>
/// librsync's delta format: a big-endian magic, then one-byte opcodes (LITERAL, COPY, END) with
/// big-endian arguments of 1, 2, 4 or 8 bytes. See docs/delta-engine.md for the table.
/// </summary>
internal static class DeltaFormat
{
    public const uint Magic = 0x72730236;
    public const byte End = 0x00;
    public const byte LiteralImmediateMax = 0x40;
    public const byte LiteralN1 = 0x41;
    public const byte CopyN1N1 = 0x45;
    public const byte LastValidOpcode = 0x54;

    /// <summary>The smallest of 1, 2, 4 or 8 bytes that holds <paramref name="value"/>.</summary>
    public static int Width(ulong value) => value switch
    {
        < 1UL << 8 => 1,
        < 1UL << 16 => 2,
        < 1UL << 32 => 4,
        _ => 8,
    };

    /// <summary>log2 of a width of 1, 2, 4 or 8.</summary>
    public static int WidthCode(int width) => BitOperations.Log2((uint)width);

    /// <summary>The width whose code is <paramref name="code"/> (0..3).</summary>
    public static int WidthFromCode(int code) => 1 << code;

    public static void WriteBigEndian(Span<byte> destination, ulong value, int width)
    {
        for (int i = width - 1; i >= 0; i--)
        {
            destination[i] = (byte)value;
            value >>= 8;
        }
    }

    public static ulong ReadBigEndian(ReadOnlySpan<byte> source, int width)
    {
        ulong value = 0;
        for (int i = 0; i < width; i++)
        {
            value = (value << 8) | source[i];
        }
        return value;
    }
}
