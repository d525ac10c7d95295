using RdiffCore.Model;

namespace RdiffCore.Selection;

/// <summary>
/// --max-file-size / --min-file-size: a regular file beyond the limit is excluded, anything else
/// passes on; the limit itself is allowed.
/// </summary>
internal sealed class SizeRule(long limit, bool isMaximum, string description) : CompiledRule(description, canExclude: true)
{
    public override SelectionDecision? Test(in SelectionCandidate candidate, ReadOnlySpan<char> fullPath)
    {
        if (candidate.Kind != FileKind.Regular)
        {
            return null;
        }
        bool beyond = isMaximum ? candidate.Size > limit : candidate.Size < limit;
        return beyond ? SelectionDecision.Exclude : null;
    }
}
