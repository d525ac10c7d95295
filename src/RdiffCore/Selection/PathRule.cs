using RdiffCore.Model;

namespace RdiffCore.Selection;

/// <summary>
/// A glob without wildcards, taken as one path (and "**" as the base itself): including it
/// includes the path, everything below it and every directory above it; excluding it excludes the
/// path and everything below it.
/// </summary>
internal sealed class PathRule(RelPath path, bool include, string description) : CompiledRule(description, !include)
{
    public override SelectionDecision? Test(in SelectionCandidate candidate, ReadOnlySpan<char> fullPath)
    {
        if (candidate.Path.IsAtOrBelow(path))
        {
            return Sense(include);
        }
        return include && path.IsAtOrBelow(candidate.Path) ? SelectionDecision.Include : null;
    }
}
