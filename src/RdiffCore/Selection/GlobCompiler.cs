using System.Text;
using System.Text.RegularExpressions;

namespace RdiffCore.Selection;

/// <summary>
/// Compiles wildcard globs, as rdiff-backup does: one expression for "the glob, or anything below
/// what it matches", and one for "a leading part of the glob" (directories to scan), cut after the
/// first "**". "ignorecase:" first makes both case-insensitive (ASCII letters).
/// </summary>
internal sealed class GlobCompiler(byte[] basePath)
{
    private readonly string _baseText = MappedText.FromBytes(basePath);

    /// <summary>True when rdiff-backup treats the text as a glob rather than a plain path.</summary>
    public static bool HasWildcards(ReadOnlySpan<byte> glob) =>
        glob.IndexOfAny("*?[\\"u8) >= 0 || StartsWithIgnoreCase(glob);

    public GlobRule Compile(byte[] glob, bool include)
    {
        string original = SelectionCompiler.Display(glob);
        ReadOnlySpan<byte> body = glob;
        var options = RegexOptions.Singleline | RegexOptions.CultureInvariant | RegexOptions.Compiled;
        if (StartsWithIgnoreCase(body))
        {
            options |= RegexOptions.IgnoreCase;
            body = body["ignorecase:".Length..];
        }
        var match = new Regex("^" + GlobTranslator.Translate(body, strict: true, original) + "($|/)", options);
        int doubleStar = body.IndexOf("**"u8);
        ReadOnlySpan<byte> leading = doubleStar >= 0 ? body[..(doubleStar + 2)] : body;
        var scan = new Regex("^(" + string.Join("|", Prefixes(leading, original)) + ")$", options);
        var rule = new GlobRule(match, scan, include, $"{(include ? "include" : "exclude")} {original}", LongestLiteral(body),
            options.HasFlag(RegexOptions.IgnoreCase) ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
        if (!rule.Reaches(_baseText))
        {
            throw CannotMatch(glob, basePath);
        }
        return rule;
    }

    /// <summary>
    /// The longest run of plain characters in the glob (escapes included), leaving out the base path
    /// it usually starts with (every path has that): a path it matches contains this run.
    /// </summary>
    internal string LongestLiteral(ReadOnlySpan<byte> glob)
    {
        if (basePath.Length > 0 && glob.StartsWith(basePath))
        {
            glob = glob[basePath.Length..];
        }
        var longest = new StringBuilder();
        var run = new StringBuilder();
        for (int i = 0; i < glob.Length; i++)
        {
            byte b = glob[i];
            if (b is (byte)'*' or (byte)'?' or (byte)'[')
            {
                if (b == (byte)'[')
                {
                    i = ClassEnd(glob, i);
                }
                if (run.Length > longest.Length)
                {
                    (longest, run) = (run, longest);
                }
                run.Clear();
                continue;
            }
            if (b == (byte)'\\' && i + 1 < glob.Length)
            {
                b = glob[++i];
            }
            run.Append(MappedText.Map(b));
        }
        return (run.Length > longest.Length ? run : longest).ToString();
    }

    // Where a character class that opens at `open` ends: a '!' or '^' may come first, and a ']' right
    // after them is a member, as in fnmatch. Without an end, the rest of the glob.
    private static int ClassEnd(ReadOnlySpan<byte> glob, int open)
    {
        int i = open + 1;
        if (i < glob.Length && glob[i] is (byte)'!' or (byte)'^')
        {
            i++;
        }
        if (i < glob.Length && glob[i] == (byte)']')
        {
            i++;
        }
        int close = glob[i..].IndexOf((byte)']');
        return close < 0 ? glob.Length : i + close;
    }

    public static SelectionException CannotMatch(byte[] glob, byte[] basePath) =>
        new($"The glob '{SelectionCompiler.Display(glob)}' cannot match any file in the base directory '{SelectionCompiler.Display(basePath)}': begin it with the base directory as given, or with '**'.");

    /// <summary>The patterns of "a/b/c" are those of "a", "a/b" and "a/b/c" ("/" first for an absolute glob).</summary>
    private static List<string> Prefixes(ReadOnlySpan<byte> glob, string original)
    {
        var parts = new List<Range>();
        foreach (Range range in glob.Split((byte)'/'))
        {
            parts.Add(range);
        }
        for (int i = 1; i < parts.Count - 1; i++)
        {
            if (glob[parts[i]].IsEmpty)
            {
                throw new SelectionException($"The glob '{original}' has consecutive '/'s: write one '/' between names.");
            }
        }
        var patterns = new List<string>(parts.Count);
        for (int i = 0; i < parts.Count; i++)
        {
            ReadOnlySpan<byte> prefix = glob[..parts[i].End.GetOffset(glob.Length)];
            byte[] bytes = i == 0 && (prefix.IsEmpty || IsDrive(prefix)) ? [.. prefix, (byte)'/'] : prefix.ToArray();
            patterns.Add(GlobTranslator.Translate(bytes, strict: false, original));
        }
        return patterns;
    }

    // rdiff-backup gives a first part "C:" a '/' as it does the root, on every platform.
    private static bool IsDrive(ReadOnlySpan<byte> part) =>
        part.Length == 2 && part[1] == (byte)':' && char.IsAsciiLetter((char)part[0]);

    private static bool StartsWithIgnoreCase(ReadOnlySpan<byte> glob) =>
        glob.Length >= 11 && Encoding.ASCII.GetString(glob[..11]).Equals("ignorecase:", StringComparison.OrdinalIgnoreCase);
}
