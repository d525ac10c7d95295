using System.Buffers;
using RdiffCore.Model;

namespace RdiffCore.Selection;

/// <summary>
/// rdiff-backup's include/exclude rules, compiled: the rules are tried in the order given and the
/// first that includes or excludes decides; a path no rule decides is included. A Scan from an
/// include glob is remembered, so that a later exclude turns into Scan (the directory is walked and
/// kept only if something inside is included). The base directory itself is always included.
/// </summary>
internal sealed class Selection
{
    private readonly CompiledRule[] _rules;
    private readonly string _baseText;
    private readonly bool _needsText;

    // Every glob's literal run, searched for all at once: most paths hold none of them, and then no
    // glob can match and its expression is not run (50 globs cost one search, not 50).
    private readonly SearchValues<string>? _literals;

    private Selection(CompiledRule[] rules, byte[] basePath)
    {
        _rules = rules;
        _baseText = MappedText.FromBytes(basePath);
        _needsText = Array.Exists(rules, r => r.NeedsText);
        BasePath = basePath;
        string[] literals = [.. rules.OfType<GlobRule>().Select(g => g.Literal).Where(l => l.Length > 0).Distinct()];
        // Case-insensitive covers the ignorecase: globs, and for the others it only lets more paths through.
        _literals = literals.Length > 0 ? SearchValues.Create(literals, StringComparison.OrdinalIgnoreCase) : null;
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
        string? text = _needsText ? FullPath(candidate.Path) : null;
        bool noLiteral = _literals is not null && text!.AsSpan().IndexOfAny(_literals) < 0;
        bool scanned = false;
        foreach (CompiledRule rule in _rules)
        {
            SelectionDecision? verdict = noLiteral && rule is GlobRule glob && glob.Literal.Length > 0
                ? glob.TestWithoutLiteral(text!)
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

    /// <summary>The path as the rules see it: the base path, '/', the path below it (mapped to chars).</summary>
    private string FullPath(RelPath path)
    {
        string below = MappedText.FromBytes(path.Bytes);
        return _baseText.EndsWith('/') ? _baseText + below : string.Concat(_baseText, "/", below);
    }
}
