using System.Buffers;
using System.Runtime.CompilerServices;
using RdiffCore.Model;

namespace RdiffCore.Selection;

/// <summary>
/// rdiff-backup's include/exclude rules, compiled: the rules are tried in the order given and the
/// first that includes or excludes decides; a path no rule decides is included. A Scan from an
/// include glob is remembered, so that a later exclude turns into Scan (the directory is walked and
/// kept only if something inside is included). The base directory itself is always included.
/// </summary>
[SkipLocalsInit]
internal sealed class Selection
{
    // Paths up to this many chars are mapped on the stack; longer ones borrow from the pool.
    private const int StackChars = 1024;

    private readonly CompiledRule[] _rules;
    private readonly bool _needsText;

    // Every full path starts with this: the base path as chars, with one '/' after it.
    private readonly string _prefix;

    // Every glob's literal run, searched for all at once: most paths hold none of them, and then no
    // glob can match and only _rulesWithoutLiteral are tried (50 globs cost one search, not 50).
    private readonly SearchValues<string>? _literals;

    // Where the search starts in the full path: a literal that begins earlier would lie in the prefix.
    private readonly int _searchFrom;
    private readonly CompiledRule[] _rulesWithoutLiteral;

    private Selection(CompiledRule[] rules, byte[] basePath)
    {
        _rules = rules;
        _needsText = Array.Exists(rules, r => r.NeedsText);
        BasePath = basePath;
        string baseText = MappedText.FromBytes(basePath);
        _prefix = baseText.EndsWith('/') ? baseText : baseText + "/";
        string[] literals = [.. rules.OfType<GlobRule>().Where(g => g.IsLiteralGated).Select(g => g.Literal).Distinct()];
        // Case-insensitive covers the ignorecase: globs, and for the others it only lets more paths through.
        var search = literals.Length > 0 ? SearchValues.Create(literals, StringComparison.OrdinalIgnoreCase) : null;
        // A literal inside the prefix is in every path: then the search can never rule a glob out.
        _literals = search is not null && _prefix.AsSpan().IndexOfAny(search) < 0 ? search : null;
        _searchFrom = _literals is null ? 0 : Math.Max(0, _prefix.Length - (literals.Max(l => l.Length) - 1));
        // Without its literal an exclude glob says nothing and an include glob at most Scan.
        _rulesWithoutLiteral = [.. rules.Where(r => r is not GlobRule { IsLiteralGated: true, Includes: false })];
    }

    /// <summary>The base path the rules match against, normalized as rdiff-backup does.</summary>
    public byte[] BasePath { get; }

    /// <summary>The rules in the order they are tried, the implicit rdiff-backup-data exclusion first.</summary>
    public IReadOnlyList<string> Rules => [.. _rules.Select(r => r.Description)];

    /// <summary>
    /// Compiles <paramref name="rules"/> (command-line order); reads filelists that have no content
    /// yet. Throws <see cref="SelectionException"/> for any rule that cannot be used.
    /// </summary>
    public static Selection Compile(IReadOnlyList<SelectionRule> rules, SelectionSettings settings, IDirectoryProbe probe)
    {
        var compiler = new SelectionCompiler(settings, probe);
        return new Selection([.. compiler.Compile(rules)], compiler.BasePath);
    }

    public SelectionDecision Evaluate(in SelectionCandidate candidate)
    {
        if (candidate.Path.IsRoot)
        {
            return SelectionDecision.Include;
        }
        if (!_needsText)
        {
            return Decide(_rules, candidate, [], literalSeen: true);
        }
        // The path as the rules see it, built in a buffer: the prefix, then the path's bytes as chars.
        ReadOnlySpan<byte> below = candidate.Path.Bytes;
        int length = _prefix.Length + below.Length;
        char[]? rented = null;
        Span<char> text = length <= StackChars ? stackalloc char[length] : (rented = ArrayPool<char>.Shared.Rent(length)).AsSpan(0, length);
        try
        {
            _prefix.CopyTo(text);
            MappedText.Write(below, text[_prefix.Length..]);
            bool literalSeen = _literals is null || text[_searchFrom..].IndexOfAny(_literals) >= 0;
            return Decide(literalSeen ? _rules : _rulesWithoutLiteral, candidate, text, literalSeen);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }

    private static SelectionDecision Decide(CompiledRule[] rules, in SelectionCandidate candidate, ReadOnlySpan<char> text, bool literalSeen)
    {
        bool scanned = false;
        foreach (CompiledRule rule in rules)
        {
            SelectionDecision? verdict = !literalSeen && rule is GlobRule { IsLiteralGated: true } glob
                ? glob.TestWithoutLiteral(text)
                : rule.Test(candidate, text);
            switch (verdict)
            {
                case SelectionDecision.Include:
                    return SelectionDecision.Include;
                case SelectionDecision.Exclude:
                    return scanned ? SelectionDecision.Scan : SelectionDecision.Exclude;
                case SelectionDecision.Scan:
                    scanned = true;
                    break;
                default:
                    break;
            }
        }
        return SelectionDecision.Include;
    }
}
