using RdiffCore.Model;

namespace RdiffCore.Selection;

/// <summary>One path as the walk found it: what the rules look at.</summary>
/// <param name="Path">The path below the base directory.</param>
/// <param name="Kind">What it is (lstat, links not followed).</param>
/// <param name="Size">The size in bytes of a regular file; ignored otherwise.</param>
/// <param name="Device">st_dev, for --exclude-other-filesystems.</param>
internal readonly record struct SelectionCandidate(RelPath Path, FileKind Kind, long Size = 0, ulong Device = 0);
