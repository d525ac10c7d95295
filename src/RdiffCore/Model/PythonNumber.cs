using System.Globalization;

namespace RdiffCore.Model;

/// <summary>
/// Numbers read the way Python's int() and float() read text, because rdiff-backup feeds pieces
/// of file names and statistics lines straight to them: surrounding ASCII whitespace, a sign, and
/// single underscores between digits are accepted. Only ASCII digits are (Python also takes other
/// Unicode digits, which never occur in what rdiff-backup writes).
/// </summary>
internal static class PythonNumber
{
    /// <summary>int(text) for decimal text; false where Python raises ValueError or the value does not fit a long.</summary>
    public static bool TryParseInt(ReadOnlySpan<char> text, out long value)
    {
        value = 0;
        text = TrimAsciiWhitespace(text);
        bool negative = false;
        if (!text.IsEmpty && text[0] is '+' or '-')
        {
            negative = text[0] == '-';
            text = text[1..];
        }
        if (text.IsEmpty || !IsDigit(text[0]) || !IsDigit(text[^1]))
        {
            return false;
        }
        ulong magnitude = 0;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c == '_')
            {
                // One underscore, between two digits (the last char is a digit, checked above).
                if (!IsDigit(text[i + 1]))
                {
                    return false;
                }
                continue;
            }
            if (!IsDigit(c))
            {
                return false;
            }
            if (magnitude > (ulong.MaxValue - 9) / 10)
            {
                return false;
            }
            magnitude = (magnitude * 10) + (ulong)(c - '0');
        }
        if (negative ? magnitude > (ulong)long.MaxValue + 1 : magnitude > long.MaxValue)
        {
            return false;
        }
        value = negative ? (long)(0 - magnitude) : (long)magnitude;
        return true;
    }

    /// <summary>float(text): decimal and exponent forms, inf, infinity and nan in any case.</summary>
    public static bool TryParseFloat(ReadOnlySpan<char> text, out double value)
    {
        value = 0;
        text = TrimAsciiWhitespace(text);
        ReadOnlySpan<char> unsigned = !text.IsEmpty && text[0] is '+' or '-' ? text[1..] : text;
        bool negative = !text.IsEmpty && text[0] == '-';
        if (unsigned.Equals("inf", StringComparison.OrdinalIgnoreCase) || unsigned.Equals("infinity", StringComparison.OrdinalIgnoreCase))
        {
            value = negative ? double.NegativeInfinity : double.PositiveInfinity;
            return true;
        }
        if (unsigned.Equals("nan", StringComparison.OrdinalIgnoreCase))
        {
            value = double.NaN;
            return true;
        }
        Span<char> plain = stackalloc char[text.Length];
        int length = 0;
        bool sawDigit = false;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c == '_')
            {
                if (i == 0 || i == text.Length - 1 || !IsDigit(text[i - 1]) || !IsDigit(text[i + 1]))
                {
                    return false;
                }
                continue;
            }
            if (!(IsDigit(c) || c is '+' or '-' or '.' or 'e' or 'E'))
            {
                return false;
            }
            sawDigit |= IsDigit(c);
            plain[length++] = c;
        }
        return sawDigit && double.TryParse(plain[..length], NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    private static bool IsDigit(char c) => c is >= '0' and <= '9';

    /// <summary>The whitespace int() and float() strip: space and \t \n \v \f \r.</summary>
    private static ReadOnlySpan<char> TrimAsciiWhitespace(ReadOnlySpan<char> text) => text.Trim(" \t\n\v\f\r");
}
