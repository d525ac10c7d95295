using System.Text;

namespace RdiffCore.Storage;

/// <summary>
/// Compiles a regular-expression character class body, as Python's re reads the bytes between
/// '[' and ']', into the set of byte values it matches. rdiff-backup stores chars_to_quote this
/// way: raw bytes (its own defaults are written with real control bytes, e.g. 0x00 '-' 0x1F) or
/// escapes typed by a user (\000-\037, \x7f, \\, \-, \d \s \w and their negations). A leading
/// '^' negates; a ']' right after '[' or '[^' is literal, as is a '-' at either end.
/// </summary>
internal static class CharClass
{
    /// <summary>256 flags, one per byte value.</summary>
    public static bool[] Compile(ReadOnlySpan<byte> body)
    {
        // The class ends at the first ']' that is not its first item; rdiff-backup's pattern is
        // "[" + body + "]|;", so a ']' ending the class early would turn the rest into regex syntax.
        var pattern = new byte[body.Length + 1];
        body.CopyTo(pattern);
        pattern[^1] = (byte)']';
        var matches = new bool[256];
        int position = 0;
        bool negate = pattern[0] == '^';
        if (negate)
        {
            position++;
        }
        bool empty = true;
        while (true)
        {
            if (position >= pattern.Length)
            {
                throw Invalid(body, "the class is not terminated");
            }
            byte current = pattern[position++];
            if (current == ']' && !empty)
            {
                if (position != pattern.Length)
                {
                    throw Invalid(body, "it contains an unescaped ']' that ends the class early");
                }
                break;
            }
            (int low, bool[]? category) = current == '\\' ? Escape(pattern, ref position, body) : (current, null);
            empty = false;
            if (position < pattern.Length && pattern[position] == '-')
            {
                position++;
                if (position >= pattern.Length)
                {
                    throw Invalid(body, "the class is not terminated");
                }
                byte next = pattern[position++];
                if (next == ']')
                {
                    Add(matches, low, category);
                    matches['-'] = true;
                    if (position != pattern.Length)
                    {
                        throw Invalid(body, "it contains an unescaped ']' that ends the class early");
                    }
                    break;
                }
                (int high, bool[]? highCategory) = next == '\\' ? Escape(pattern, ref position, body) : (next, null);
                if (category is not null || highCategory is not null || high < low)
                {
                    throw Invalid(body, "it has a bad range");
                }
                for (int b = low; b <= high; b++)
                {
                    matches[b] = true;
                }
            }
            else
            {
                Add(matches, low, category);
            }
        }
        if (negate)
        {
            for (int b = 0; b < matches.Length; b++)
            {
                matches[b] = !matches[b];
            }
        }
        return matches;
    }

    private static void Add(bool[] matches, int literal, bool[]? category)
    {
        if (category is null)
        {
            matches[literal] = true;
            return;
        }
        for (int b = 0; b < matches.Length; b++)
        {
            matches[b] |= category[b];
        }
    }

    /// <summary>An escape after '\': a byte value, or a category (\d \D \s \S \w \W) as its own set.</summary>
    private static (int Literal, bool[]? Category) Escape(byte[] pattern, ref int position, ReadOnlySpan<byte> body)
    {
        if (position >= pattern.Length - 1)
        {
            throw Invalid(body, "it ends with a lone backslash");
        }
        byte c = pattern[position++];
        switch ((char)c)
        {
            case 'a': return (7, null);
            case 'b': return (8, null);
            case 'f': return (12, null);
            case 'n': return (10, null);
            case 'r': return (13, null);
            case 't': return (9, null);
            case 'v': return (11, null);
            case 'd' or 'D': return (0, Category(b => b is >= (byte)'0' and <= (byte)'9', c == 'D'));
            case 's' or 'S': return (0, Category(b => b is (byte)' ' or >= 9 and <= 13, c == 'S'));
            case 'w' or 'W': return (0, Category(b => char.IsAsciiLetterOrDigit((char)b) || b == '_', c == 'W'));
            case 'x':
                if (position + 2 > pattern.Length || !char.IsAsciiHexDigit((char)pattern[position]) || !char.IsAsciiHexDigit((char)pattern[position + 1]))
                {
                    throw Invalid(body, "\\x needs two hex digits");
                }
                position += 2;
                return (Convert.ToInt32(Encoding.ASCII.GetString(pattern, position - 2, 2), 16), null);
            case >= '0' and <= '7':
                int value = c - '0';
                for (int digits = 0; digits < 2 && position < pattern.Length && pattern[position] is >= (byte)'0' and <= (byte)'7'; digits++)
                {
                    value = (value * 8) + (pattern[position++] - '0');
                }
                return value <= 0xff ? (value, null) : throw Invalid(body, "an octal escape is above \\377");
            default:
                return char.IsAsciiLetter((char)c) || char.IsAsciiDigit((char)c)
                    ? throw Invalid(body, $"\\{(char)c} is not an escape")
                    : (c, null);
        }
    }

    private static bool[] Category(Func<byte, bool> member, bool negated)
    {
        var set = new bool[256];
        for (int b = 0; b < set.Length; b++)
        {
            set[b] = member((byte)b) != negated;
        }
        return set;
    }

    private static InvalidCharsToQuoteException Invalid(ReadOnlySpan<byte> body, string reason)
    {
        var shown = new StringBuilder();
        foreach (byte b in body)
        {
            shown.Append(b is >= 0x20 and < 0x7f ? ((char)b).ToString() : $"\\x{b:x2}");
        }
        return new InvalidCharsToQuoteException(
            $"chars_to_quote '{shown}' is not a valid character class: {reason}. Fix rdiff-backup-data/chars_to_quote or --chars-to-quote.");
    }
}
