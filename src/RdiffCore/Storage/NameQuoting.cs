using System.Text;
using RdiffCore.Model;

namespace RdiffCore.Storage;

/// <summary>
/// rdiff-backup's quoting of names on disk (format.md §1.15), for one path component.
/// Quoting is active only when chars_to_quote is not empty; then every byte of the class, and
/// always ';', becomes ';' plus its value as three decimal digits. After that, when the repository's
/// special_escapes ask for it, a final ' ' or '.' is quoted, and a DOS device name (aux, con,
/// com1.txt, …) gets its first byte quoted. Both escapes, like rdiff-backup's, apply only while
/// quoting is active.
/// </summary>
internal sealed class NameQuoting
{
    private const byte QuoteByte = (byte)';';

    private readonly bool[]? _quoted;
    private readonly bool _escapeDosDevices;
    private readonly bool _escapeTrailingSpaces;

    /// <param name="charsToQuote">The class body from rdiff-backup-data/chars_to_quote, raw bytes (for example "A-Z:").</param>
    /// <param name="escapeDosDevices">special_escapes has escape_dos_devices.</param>
    /// <param name="escapeTrailingSpaces">special_escapes has escape_trailing_spaces.</param>
    public NameQuoting(ReadOnlySpan<byte> charsToQuote, bool escapeDosDevices, bool escapeTrailingSpaces)
    {
        if (!charsToQuote.IsEmpty)
        {
            _quoted = CharClass.Compile(charsToQuote);
            _quoted[QuoteByte] = true;
        }
        _escapeDosDevices = escapeDosDevices;
        _escapeTrailingSpaces = escapeTrailingSpaces;
    }

    /// <summary>No quoting: names on disk are the names.</summary>
    public static NameQuoting None { get; } = new([], escapeDosDevices: false, escapeTrailingSpaces: false);

    public bool IsActive => _quoted is not null;

    /// <summary>The name as stored on disk.</summary>
    public byte[] Quote(ReadOnlySpan<byte> component)
    {
        if (_quoted is null)
        {
            return component.ToArray();
        }
        int escapes = 0;
        foreach (byte b in component)
        {
            escapes += _quoted[b] ? 1 : 0;
        }
        var quoted = new byte[component.Length + (3 * escapes)];
        int length = 0;
        foreach (byte b in component)
        {
            if (_quoted[b])
            {
                WriteEscape(quoted.AsSpan(length), b);
                length += 4;
            }
            else
            {
                quoted[length++] = b;
            }
        }
        if (_escapeTrailingSpaces && quoted.Length > 0 && quoted[^1] is (byte)' ' or (byte)'.')
        {
            quoted = EscapeAt(quoted, quoted.Length - 1);
        }
        if (_escapeDosDevices && IsDosDevice(quoted))
        {
            quoted = EscapeAt(quoted, 0);
        }
        return quoted;
    }

    /// <summary>
    /// The original name: every ';' followed by three ASCII digits becomes that character. As in
    /// rdiff-backup the number is a Unicode code point encoded in UTF-8, so values from 128 up
    /// come back as two bytes (only ASCII is ever quoted in practice). A name whose unquoted form
    /// would not be a name ("..", or with '/' or NUL: never written by any quoting) stays as it is
    /// on disk, so that a damaged or crafted repository cannot turn one entry into a path.
    /// </summary>
    public byte[] Unquote(ReadOnlySpan<byte> component)
    {
        if (_quoted is null || !component.Contains(QuoteByte))
        {
            return component.ToArray();
        }
        var plain = new List<byte>(component.Length);
        Span<byte> encoded = stackalloc byte[4];
        int i = 0;
        while (i < component.Length)
        {
            if (component[i] == QuoteByte && i + 3 < component.Length
                && char.IsAsciiDigit((char)component[i + 1]) && char.IsAsciiDigit((char)component[i + 2]) && char.IsAsciiDigit((char)component[i + 3]))
            {
                int value = ((component[i + 1] - '0') * 100) + ((component[i + 2] - '0') * 10) + (component[i + 3] - '0');
                int length = new Rune(value).EncodeToUtf8(encoded);
                plain.AddRange(encoded[..length]);
                i += 4;
            }
            else
            {
                plain.Add(component[i++]);
            }
        }
        byte[] unquoted = [.. plain];
        return RelPath.IsValidName(unquoted) || !RelPath.IsValidName(component) ? unquoted : component.ToArray();
    }

    /// <summary>A relative path as found on disk, every component unquoted.</summary>
    public RelPath Unquote(RelPath path)
    {
        if (_quoted is null || path.IsRoot)
        {
            return path;
        }
        RelPath plain = RelPath.Root;
        foreach (Range component in path.Bytes.Split((byte)'/'))
        {
            plain = plain.Append(Unquote(path.Bytes[component]));
        }
        return plain;
    }

    /// <summary>
    /// Python's <c>^(aux|prn|con|nul|com[0-9]|lpt[1-9])(\..*)*$</c>, case-insensitive: after the
    /// device name, nothing or a '.' and anything without a newline; '$' also allows one final newline.
    /// </summary>
    private static bool IsDosDevice(ReadOnlySpan<byte> name)
    {
        int prefix = name.Length >= 3 && (Is(name, "aux"u8) || Is(name, "prn"u8) || Is(name, "con"u8) || Is(name, "nul"u8)) ? 3
            : name.Length >= 4 && (Is(name, "com"u8) ? char.IsAsciiDigit((char)name[3]) : Is(name, "lpt"u8) && name[3] is >= (byte)'1' and <= (byte)'9') ? 4
            : 0;
        if (prefix == 0)
        {
            return false;
        }
        ReadOnlySpan<byte> rest = name[prefix..];
        if (!rest.IsEmpty && rest[^1] == '\n')
        {
            rest = rest[..^1];
        }
        return rest.IsEmpty || (rest[0] == '.' && !rest.Contains((byte)'\n'));
    }

    private static bool Is(ReadOnlySpan<byte> name, ReadOnlySpan<byte> device) => Ascii.EqualsIgnoreCase(name[..device.Length], device);

    /// <summary>A copy of <paramref name="name"/> with the byte at <paramref name="index"/> written as ";NNN".</summary>
    private static byte[] EscapeAt(byte[] name, int index)
    {
        var escaped = new byte[name.Length + 3];
        name.AsSpan(0, index).CopyTo(escaped);
        WriteEscape(escaped.AsSpan(index), name[index]);
        name.AsSpan(index + 1).CopyTo(escaped.AsSpan(index + 4));
        return escaped;
    }

    private static void WriteEscape(Span<byte> output, byte value)
    {
        output[0] = QuoteByte;
        output[1] = (byte)('0' + (value / 100));
        output[2] = (byte)('0' + (value / 10 % 10));
        output[3] = (byte)('0' + (value % 10));
    }
}
