using System.Text.RegularExpressions;

namespace RdiffCore.Selection;

/// <summary>
/// A glob with wildcards. It matches a path, or anything below a path, it matches; an include glob
/// also marks Scan on every path that matches a leading part of it (the directories on the way).
/// A path without the glob's longest literal run cannot match, and an ordinal substring search
/// answers that many times faster than the expression (which Native AOT interprets).
/// </summary>
internal sealed class GlobRule(Regex match, Regex scan, bool include, string description, string literal, StringComparison comparison)
    : CompiledRule(description, !include)
{
    public override bool NeedsText => true;

    /// <summary>The run every match contains (empty: none, the expression decides alone).</summary>
    public string Literal => literal;

    /// <summary>The answer for a path known to hold none of the rules' literals: at most a Scan.</summary>
    public SelectionDecision? TestWithoutLiteral(ReadOnlySpan<char> fullPath) => include && scan.IsMatch(fullPath) ? SelectionDecision.Scan : null;

    /// <summary>Whether the rule can decide only for paths holding its literal (an include still marks Scan without it).</summary>
    public bool IsLiteralGated => literal.Length > 0;

    /// <summary>True for an include glob (which also marks the directories on its way Scan).</summary>
    public bool Includes => include;

    public override SelectionDecision? Test(in SelectionCandidate candidate, ReadOnlySpan<char> fullPath)
    {
        if (fullPath.Contains(literal, comparison) && match.IsMatch(fullPath))
        {
            return Sense(include);
        }
        return include && scan.IsMatch(fullPath) ? SelectionDecision.Scan : null;
    }

    /// <summary>The include form's answer, which rdiff-backup asks of the base directory for every glob.</summary>
    public bool Reaches(string fullPath) => match.IsMatch(fullPath) || scan.IsMatch(fullPath);
}
