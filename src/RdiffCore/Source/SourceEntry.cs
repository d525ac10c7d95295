using RdiffCore.Model;
using RdiffCore.Selection;

namespace RdiffCore.Source;

/// <summary>One path of the source tree as the walk found it: its attributes and where to read it.</summary>
/// <param name="Record">The attributes, in the repository's vocabulary (no SHA-1 yet).</param>
/// <param name="Root">The source directory the walk started from (the path the user gave, made absolute).</param>
/// <param name="ListFailed">A directory whose entries could not be read: its old contents are kept.</param>
/// <param name="Device">st_dev, for --exclude-other-filesystems and to check that the file read is the one walked.</param>
/// <param name="Selected">The selection's decision, taken by the walk (Include without a selection).</param>
/// <param name="Inode">st_ino, to check that the file read is the one walked.</param>
internal sealed record SourceEntry(MetadataRecord Record, byte[] Root, bool ListFailed = false, ulong Device = 0,
    SelectionDecision Selected = SelectionDecision.Include, ulong Inode = 0)
{
    /// <summary>The OS path of the entry, for messages and for tools that take paths; the backup reads through handles.</summary>
    public byte[] FullPath => Root is [(byte)'/'] && !Record.Path.IsRoot ? [(byte)'/', .. Record.Path.Bytes] : Record.Path.Under(Root);
}
