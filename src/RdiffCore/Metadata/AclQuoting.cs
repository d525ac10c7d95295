namespace RdiffCore.Metadata;

/// <summary>
/// The acl_quote of rdiff-backup's C module, used for the "# file:" paths and xattr names of the
/// extended_attributes and access_control_lists files: bytes 0x01-0x20, '=', '\', 0x7f and every
/// byte from 0x80 are written as '\' and exactly three octal digits ("new\nline name" becomes
/// "new\012line\040name"); every other byte stays as it is.
/// </summary>
internal static class AclQuoting
{
    public static byte[] Quote(ReadOnlySpan<byte> raw)
    {
        var quoted = new byte[QuotedLength(raw)];
        QuoteInto(raw, quoted);
        return quoted;
    }

    public static void QuoteTo(ReadOnlySpan<byte> raw, OutputBuffer output)
    {
        int length = QuotedLength(raw);
        QuoteInto(raw, output.GetSpan(length));
        output.Advance(length);
    }

    private static int QuotedLength(ReadOnlySpan<byte> raw)
    {
        int length = raw.Length;
        foreach (byte b in raw)
        {
            if (NeedsQuoting(b))
            {
                length += 3;
            }
        }
        return length;
    }

    private static void QuoteInto(ReadOnlySpan<byte> raw, Span<byte> target)
    {
        int at = 0;
        foreach (byte b in raw)
        {
            if (NeedsQuoting(b))
            {
                target[at] = (byte)'\\';
                target[at + 1] = (byte)('0' + (b >> 6));
                target[at + 2] = (byte)('0' + ((b >> 3) & 7));
                target[at + 3] = (byte)('0' + (b & 7));
                at += 4;
            }
            else
            {
                target[at++] = b;
            }
        }
    }

    /// <summary>
    /// Undoes <see cref="Quote"/>: '\' with three octal digits up to \377 becomes that byte; any
    /// other backslash is kept as it is, as rdiff-backup's C module does.
    /// </summary>
    public static byte[] Unquote(ReadOnlySpan<byte> quoted)
    {
        int backslash = quoted.IndexOf((byte)'\\');
        if (backslash < 0)
        {
            return quoted.ToArray();
        }
        var result = new byte[quoted.Length];
        quoted[..backslash].CopyTo(result);
        int length = backslash;
        for (int i = backslash; i < quoted.Length; i++)
        {
            if (quoted[i] == (byte)'\\' && i + 3 < quoted.Length && IsOctalEscape(quoted.Slice(i + 1, 3)))
            {
                result[length++] = (byte)(((quoted[i + 1] - '0') << 6) | ((quoted[i + 2] - '0') << 3) | (quoted[i + 3] - '0'));
                i += 3;
            }
            else
            {
                result[length++] = quoted[i];
            }
        }
        return result[..length];
    }

    private static bool NeedsQuoting(byte b) => b is (>= 0x01 and <= 0x20) or (byte)'=' or (byte)'\\' or >= 0x7f;

    private static bool IsOctalEscape(ReadOnlySpan<byte> digits) =>
        digits[0] is >= (byte)'0' and <= (byte)'3' && digits[1] is >= (byte)'0' and <= (byte)'7' && digits[2] is >= (byte)'0' and <= (byte)'7';
}
