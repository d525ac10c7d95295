using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace RdiffCore.History;

/// <summary>
/// A string as PyYAML's safe_dump writes it in block context (allow_unicode off): plain when
/// that reads back as the same string, else single-quoted, else double-quoted with escapes.
/// </summary>
public static partial class YamlScalar
{
    /// <summary>The scalar as PyYAML's safe_dump writes <paramref name="value"/>.</summary>
    public static string Format(string value)
    {
        bool printableAscii = value.All(c => c is >= ' ' and <= '~');
        if (!printableAscii)
        {
            return DoubleQuoted(value);
        }
        return IsPlain(value) ? value : "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
    }

    private static bool IsPlain(string value)
    {
        if (value.Length == 0 || value[0] == ' ' || value[^1] == ' ' || Implicit().IsMatch(value))
        {
            return false;
        }
        char first = value[0];
        if ("#,[]{}&*!|>'\"%@`".Contains(first, StringComparison.Ordinal)
            || (first is '-' or '?' or ':' && (value.Length == 1 || value[1] == ' ')))
        {
            return false;
        }
        return !value.Contains(": ", StringComparison.Ordinal) && !value.Contains(" #", StringComparison.Ordinal) && value[^1] != ':';
    }

    private static string DoubleQuoted(string value)
    {
        var text = new StringBuilder("\"");
        foreach (Rune rune in value.EnumerateRunes())
        {
            int c = rune.Value;
            text.Append(c is >= ' ' and <= '~' and not '"' and not '\\' ? rune.ToString() : Escape(c));
        }
        return text.Append('"').ToString();
    }

    /// <summary>The escape of <paramref name="c"/> inside double quotes, as PyYAML writes it.</summary>
    private static string Escape(int c) => c switch
    {
        '"' => "\\\"",
        '\\' => "\\\\",
        0 => "\\0",
        7 => "\\a",
        8 => "\\b",
        9 => "\\t",
        10 => "\\n",
        11 => "\\v",
        12 => "\\f",
        13 => "\\r",
        27 => "\\e",
        0x85 => "\\N",
        0xA0 => "\\_",
        0x2028 => "\\L",
        0x2029 => "\\P",
        <= 0xFF => string.Create(CultureInfo.InvariantCulture, $"\\x{c:X2}"),
        <= 0xFFFF => string.Create(CultureInfo.InvariantCulture, $"\\u{c:X4}"),
        _ => string.Create(CultureInfo.InvariantCulture, $"\\U{c:X8}"),
    };

    // PyYAML's implicit resolvers: bool, null, int, float, timestamp, merge and value.
    [GeneratedRegex(@"^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|~|null|Null|NULL|<<|="
        + @"|[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+"
        + @"|[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9_]+(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*"
        + @"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)"
        + @"|[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]"
        + @"|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$")]
    private static partial Regex Implicit();
}
