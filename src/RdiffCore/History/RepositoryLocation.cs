using RdiffCore.Model;
using RdiffCore.Platform.Posix;
using RdiffCore.Storage;

namespace RdiffCore.History;

/// <summary>
/// A repository and a path inside its mirror, as a user names it ("DEST/sub/path"): the
/// repository root is the nearest directory above that holds rdiff-backup-data. The sub-path is
/// kept as it lies on disk (quoted) and as the metadata knows it (unquoted).
/// </summary>
internal sealed class RepositoryLocation
{
    private RepositoryLocation(RepositoryLayout layout, RelPath onDisk)
    {
        Layout = layout;
        OnDisk = onDisk;
        SubPath = layout.Quoting.Unquote(onDisk);
    }

    /// <summary>The repository, with its stored quoting.</summary>
    public RepositoryLayout Layout { get; }

    /// <summary>The sub-path with the names on disk (quoted); the root when the repository itself was given.</summary>
    public RelPath OnDisk { get; }

    /// <summary>The sub-path as the metadata records it.</summary>
    public RelPath SubPath { get; }

    /// <summary>The sub-path's entry in the mirror.</summary>
    public byte[] MirrorPath => OnDisk.Under(Layout.Root);

    /// <summary>
    /// The place of the sub-path's increments: its parent directory under increments/ (or
    /// rdiff-backup-data for the root) and the base name its increment files start with.
    /// </summary>
    public (byte[] Directory, byte[] BaseName) IncrementBase =>
        OnDisk.IsRoot
            ? (Layout.DataDirectory, "increments"u8.ToArray())
            : (OnDisk.Parent.Under(Layout.IncrementsDirectory), OnDisk.Name.ToArray());

    /// <summary>The directory under increments/ that holds the increments of the sub-path's children.</summary>
    public byte[] IncrementDirectory => OnDisk.Under(Layout.IncrementsDirectory);

    /// <summary>The whole repository of <paramref name="layout"/> (already opened, with its quoting).</summary>
    public static RepositoryLocation Root(RepositoryLayout layout) => new(layout, RelPath.Root);

    /// <summary>Finds the repository at or above <paramref name="path"/>; a <see cref="NotARepositoryException"/> when there is none.</summary>
    public static RepositoryLocation Find(byte[] path)
    {
        (RepositoryLayout layout, RelPath sub) = RepositoryLayout.FindAbove(PosixFs.AbsolutePath(path))
            ?? throw new NotARepositoryException(
                $"'{PrintablePath.From(path)}' is not in a backup repository (no rdiff-backup-data in it or above it); give the repository's directory");
        return new RepositoryLocation(layout.WithQuoting(RepositorySettings.ForReading(layout).Quoting), sub);
    }
}
