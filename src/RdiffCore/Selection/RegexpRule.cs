using System.Text.RegularExpressions;

namespace RdiffCore.Selection;

/// <summary>A regular expression searched anywhere in the full path.</summary>
internal sealed class RegexpRule(Regex regex, bool include, string description) : CompiledRule(description, !include)
{
    public override bool NeedsText => true;

    public override SelectionDecision? Test(in SelectionCandidate candidate, ReadOnlySpan<char> fullPath) =>
        regex.IsMatch(fullPath) ? Sense(include) : null;
}
