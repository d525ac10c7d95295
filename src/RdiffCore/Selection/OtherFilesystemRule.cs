namespace RdiffCore.Selection;

/// <summary>Anything on another file system (st_dev) than the base directory.</summary>
internal sealed class OtherFilesystemRule(ulong baseDevice, bool include, string description) : CompiledRule(description, !include)
{
    public override SelectionDecision? Test(in SelectionCandidate candidate, ReadOnlySpan<char> fullPath) =>
        candidate.Device != baseDevice ? Sense(include) : null;
}
