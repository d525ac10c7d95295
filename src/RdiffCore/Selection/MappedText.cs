using System.Buffers;
using System.Globalization;
using System.Text;

namespace RdiffCore.Selection;

/// <summary>
/// Paths and patterns are bytes, and .NET regular expressions work on chars, so each byte becomes
/// one char: ASCII as itself, 0x80-0xFF as U+E080-U+E0FF (private use, so they have no case, are no
/// letter, digit or space). One byte one char keeps '?' and '.' matching one byte as rdiff-backup's
/// bytes patterns do, and ignorecase folds ASCII only, as Python's bytes patterns do.
/// </summary>
internal static class MappedText
{
    private const int HighBase = 0xE000;

    public static char Map(byte b) => b < 0x80 ? (char)b : (char)(HighBase + b);

    public static string FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            return "";
        }
        Span<char> chars = bytes.Length <= 512 ? stackalloc char[bytes.Length] : new char[bytes.Length];
        for (int i = 0; i < bytes.Length; i++)
        {
            chars[i] = Map(bytes[i]);
        }
        return new string(chars);
    }

    /// <summary>Maps <paramref name="bytes"/> into <paramref name="chars"/> (as long): ASCII runs are widened in bulk.</summary>
    public static void Write(ReadOnlySpan<byte> bytes, Span<char> chars)
    {
        if (Ascii.ToUtf16(bytes, chars, out int done) == OperationStatus.Done)
        {
            return;
        }
        for (int i = done; i < bytes.Length; i++)
        {
            chars[i] = Map(bytes[i]);
        }
    }

    /// <summary>The byte as an escaped regular-expression literal, safe anywhere, in or out of a class.</summary>
    public static string Literal(byte b) => "\\u" + ((int)Map(b)).ToString("X4", CultureInfo.InvariantCulture);
}
