using RdiffCore.Model;

namespace RdiffCore.Selection;

/// <summary>Device files, fifos, sockets, symbolic links, or all four ("special files").</summary>
internal sealed class KindRule(FileKind[] kinds, bool include, string description) : CompiledRule(description, !include)
{
    public override SelectionDecision? Test(in SelectionCandidate candidate, ReadOnlySpan<char> fullPath) =>
        Array.IndexOf(kinds, candidate.Kind) >= 0 ? Sense(include) : null;
}
