namespace RdiffCore.Selection;

/// <summary>
/// --exclude-caches, as GNU tar: in a directory holding a valid CACHEDIR.TAG, everything but the
/// tag is excluded; the directory itself and the tag are left to the other rules.
/// </summary>
internal sealed class CacheTagRule(IDirectoryProbe probe, bool include, string description) : CompiledRule(description, !include)
{
    /// <summary>The tag's name (Cache Directory Tagging Specification).</summary>
    public static ReadOnlySpan<byte> TagName => "CACHEDIR.TAG"u8;

    /// <summary>The first 43 bytes of a valid tag.</summary>
    public static ReadOnlySpan<byte> Signature => "Signature: 8a477f597d28d172789f06886806bc55"u8;

    public override SelectionDecision? Test(in SelectionCandidate candidate, ReadOnlySpan<char> fullPath)
    {
        if (candidate.Path.IsRoot || candidate.Path.Name.SequenceEqual(TagName))
        {
            return null;
        }
        return probe.HasCacheTag(candidate.Path.Parent) ? Sense(include) : null;
    }
}
