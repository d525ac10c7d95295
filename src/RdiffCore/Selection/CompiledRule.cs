namespace RdiffCore.Selection;

/// <summary>
/// One rule ready to test paths. It answers Include, Exclude, Scan, or null when it has nothing to
/// say; the first Include or Exclude decides (rdiff-backup's selection functions).
/// </summary>
internal abstract class CompiledRule(string description, bool canExclude)
{
    /// <summary>How the rule was given, for messages.</summary>
    public string Description { get; } = description;

    /// <summary>False for a rule that can only include: it must not be the last rule (rdiff-backup refuses that).</summary>
    public bool CanExclude { get; } = canExclude;

    /// <summary>Whether the rule looks at the full path text (then the selection maps it once per path).</summary>
    public virtual bool NeedsText => false;

    /// <summary>The verdict on <paramref name="candidate"/>; <paramref name="fullPath"/> is its mapped full path when <see cref="NeedsText"/>.</summary>
    public abstract SelectionDecision? Test(in SelectionCandidate candidate, ReadOnlySpan<char> fullPath);

    protected static SelectionDecision Sense(bool include) => include ? SelectionDecision.Include : SelectionDecision.Exclude;
}
