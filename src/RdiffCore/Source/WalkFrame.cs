using RdiffCore.Model;
using RdiffCore.Platform.Posix;

namespace RdiffCore.Source;

/// <summary>A directory on the walk's current path: its sorted children, the next one to visit, and its handle while open.</summary>
internal sealed class WalkFrame(RelPath path, FileStatus status, DirectoryHandle handle, List<ListedName> children)
{
    public RelPath Path { get; } = path;

    /// <summary>What the walk saw of the directory; a reopened handle must be this very directory.</summary>
    public FileStatus Status { get; } = status;

    /// <summary>Null while closed to keep the descriptors in use bounded (see <see cref="DirectoryStack"/>).</summary>
    public DirectoryHandle? Handle { get; set; } = handle;

    public List<ListedName> Children { get; } = children;

    public int Next { get; set; }

    public bool Done => Next >= Children.Count;
}
