using System.Text;
using System.Text.RegularExpressions;

namespace RdiffCore.Selection;

/// <summary>
/// rdiff-backup's --include-regexp/--exclude-regexp are Python expressions over the path bytes. Over
/// <see cref="MappedText"/> chars .NET agrees on nearly all of the syntax; the Python-only spellings
/// of named groups and of the end of text are rewritten.
/// </summary>
internal static class RegexDialect
{
    /// <summary>Compiles the expression; an invalid one throws <see cref="ArgumentException"/>.</summary>
    public static Regex Compile(ReadOnlySpan<byte> expression)
    {
        string pattern = new StringBuilder(MappedText.FromBytes(expression))
            .Replace("(?P<", "(?<")
            .Replace("\\Z", "\\z")
            .ToString();
        pattern = Regex.Replace(pattern, @"\(\?P=(\w+)\)", @"\k<$1>", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        return new Regex(pattern, RegexOptions.CultureInvariant | RegexOptions.Compiled);
    }
}
