using RdiffCore.Model;

namespace RdiffCore.Selection;

/// <summary>
/// The only questions the rules ask the disk (--exclude-if-present, --exclude-caches), about
/// directories below the base; paths are relative to the base.
/// </summary>
internal interface IDirectoryProbe
{
    /// <summary>Whether an entry called <paramref name="name"/> exists in the directory (lstat, links not followed).</summary>
    bool Holds(RelPath directory, ReadOnlySpan<byte> name);

    /// <summary>Whether the directory is readable by its mode bits, as rdiff-backup judges it (owner or root, group, other).</summary>
    bool IsReadable(RelPath directory);

    /// <summary>Whether the directory holds a regular file CACHEDIR.TAG starting with the 43-byte signature.</summary>
    bool HasCacheTag(RelPath directory);
}
