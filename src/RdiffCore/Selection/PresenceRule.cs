using RdiffCore.Model;

namespace RdiffCore.Selection;

/// <summary>
/// --exclude-if-present / --include-if-present NAME: a readable directory holding NAME. The
/// include form also includes the other entries of a directory holding NAME, as rdiff-backup does.
/// </summary>
internal sealed class PresenceRule(byte[] name, bool include, IDirectoryProbe probe, string description) : CompiledRule(description, !include)
{
    public override SelectionDecision? Test(in SelectionCandidate candidate, ReadOnlySpan<char> fullPath)
    {
        if (candidate.Kind == FileKind.Directory)
        {
            return probe.IsReadable(candidate.Path) && probe.Holds(candidate.Path, name) ? Sense(include) : null;
        }
        return include && probe.Holds(candidate.Path.Parent, name) ? SelectionDecision.Include : null;
    }
}
