using RdiffCore.Model;
using RdiffCore.Selection;

namespace RdiffCore.Source;

/// <summary>One path of the source tree as the walk found it: its attributes and where to read it.</summary>
/// <param name="Record">The attributes, in the repository's vocabulary (no SHA-1 yet).</param>
/// <param name="FullPath">The OS path of the entry.</param>
/// <param name="ListFailed">A directory whose entries could not be read: its old contents are kept.</param>
/// <param name="Device">st_dev, for --exclude-other-filesystems.</param>
/// <param name="Selected">The selection's decision, taken by the walk (Include without a selection).</param>
internal sealed record SourceEntry(MetadataRecord Record, byte[] FullPath, bool ListFailed = false, ulong Device = 0,
    SelectionDecision Selected = SelectionDecision.Include);
