using RdiffCore.Model;
using RdiffCore.Platform.Posix;

namespace RdiffCore.Remote;

/// <summary>
/// The server's view of its file system: every path a client names is made absolute against the
/// server's working directory, must lie beneath the restricted directory, and is then opened from
/// that directory's handle by the kernel with RESOLVE_BENEATH and RESOLVE_NO_SYMLINKS, so neither
/// "..", a symlink nor a sibling with a longer name leads out.
/// </summary>
internal sealed class ServedTree : IDisposable
{
    private readonly RootedTree _tree;

    public ServedTree(ServerRestriction restriction)
    {
        Restriction = restriction;
        _tree = RootedTree.Open(restriction.Directory);
    }

    public ServerRestriction Restriction { get; }

    /// <summary>The client's path as an absolute path beneath the restricted directory.</summary>
    /// <exception cref="RdiffException">The path lies outside it.</exception>
    public byte[] Resolve(ReadOnlySpan<byte> requested)
    {
        if (requested.IsEmpty || requested.Length >= 4096 || requested.Contains((byte)0))
        {
            throw new RdiffException($"the path '{PrintablePath.From(requested)}' is not a path this server can open");
        }
        byte[] absolute = PosixFs.AbsolutePath(requested.ToArray());
        if (!_tree.Contains(absolute) || HasParentStep(absolute))
        {
            throw new RdiffException(
                $"'{PrintablePath.From(requested)}' is outside the directory this server is restricted to ('{PrintablePath.From(Restriction.Directory)}')");
        }
        return absolute;
    }

    /// <summary>Checks that <paramref name="path"/> is a directory the kernel reaches beneath the restriction.</summary>
    public void CheckDirectory(byte[] path)
    {
        using DirectoryHandle directory = OpenDirectory(path);
    }

    /// <summary>Opens <paramref name="path"/> as the kernel reaches it beneath the restriction; the caller disposes it.</summary>
    public DirectoryHandle OpenDirectory(byte[] path)
    {
        try
        {
            return _tree.OpenDirectory(path);
        }
        catch (PosixException e)
        {
            // The kernel's ENOTDIR for a symlink at the end of the path would read as if nothing were there.
            string why = e.Errno == Errno.ENOTDIR && IsSymlink(path) ? "it is a symlink, and this server follows none" : e.Message;
            throw new RdiffException($"'{PrintablePath.From(path)}' cannot be served: {why}", e);
        }
    }

    /// <summary>Opens the directory at <paramref name="path"/> beneath the restriction and keeps it for the call; <paramref name="shown"/> names it in messages.</summary>
    public PinnedDirectory Pin(byte[] path, byte[] shown)
    {
        DirectoryHandle directory = OpenDirectory(path);
        return new PinnedDirectory(directory, shown);
    }

    /// <summary>
    /// The repository a backup writes into, opened beneath the restriction: the directory at
    /// <paramref name="path"/>, made first (in its parent, opened beneath) when nothing is there.
    /// </summary>
    public PinnedDirectory PinRepository(byte[] path, byte[] shown)
    {
        if (Reached(path) || path.AsSpan().SequenceEqual(_tree.Root))
        {
            return Pin(path, shown);
        }
        int slash = path.AsSpan().LastIndexOf((byte)'/');
        using DirectoryHandle parent = OpenDirectory(slash == 0 ? [(byte)'/'] : path[..slash]);
        byte[] name = path[(slash + 1)..];
        try
        {
            parent.MkDir(name, 0b111_101_101);
        }
        catch (PosixException e) when (e.Errno == Errno.EEXIST)
        {
            // Made meanwhile: opened below as any other.
        }
        try
        {
            return new PinnedDirectory(parent.OpenBelow(name), shown);
        }
        catch (PosixException e)
        {
            throw new RdiffException($"'{PrintablePath.From(path)}' cannot be served: {e.Message}", e);
        }
    }

    /// <summary>
    /// The repository at or above <paramref name="path"/> and not above the restriction (the nearest
    /// directory holding a real rdiff-backup-data directory, found beneath the restriction), opened
    /// for the call, and the rest of the path below it (empty or starting with '/'). Null when there
    /// is none.
    /// </summary>
    public (PinnedDirectory Repository, byte[] Below)? PinRepositoryAbove(byte[] path, byte[] shown)
    {
        byte[] current = path;
        while (_tree.Contains(current))
        {
            byte[] data = RepositoryPathJoin(current, "rdiff-backup-data"u8);
            if (_tree.TryLStat(data, out FileStatus status) && status.Kind == FileKind.Directory)
            {
                int given = shown.Length - (path.Length - current.Length);
                return (Pin(current, given > 0 ? shown[..given] : shown), path[current.Length..]);
            }
            int slash = current.AsSpan().LastIndexOf((byte)'/');
            if (slash <= 0 || current.AsSpan().SequenceEqual(_tree.Root))
            {
                break;
            }
            current = current[..slash];
        }
        return null;
    }

    /// <summary>
    /// Refuses a path the kernel reaches beneath the restriction only by following a symlink (the
    /// path itself one, or one on the way); a path that does not exist yet passes.
    /// </summary>
    public void CheckNoSymlinks(byte[] path)
    {
        // A path not there yet is judged by the nearest directory above it that is.
        byte[] existing = path;
        while (!PosixFs.TryLStat(existing, out _) && _tree.Contains(existing) && !existing.AsSpan().SequenceEqual(Restriction.Directory))
        {
            int slash = existing.AsSpan().LastIndexOf((byte)'/');
            existing = slash <= 0 ? [(byte)'/'] : existing[..slash];
        }
        bool reached = existing.AsSpan().SequenceEqual(Restriction.Directory) || _tree.TryLStat(existing, out FileStatus status) && status.Kind != FileKind.Symlink;
        if (!reached)
        {
            throw new RdiffException($"'{PrintablePath.From(path)}' cannot be served: it is reached through a symlink");
        }
    }

    /// <summary>Whether <paramref name="path"/>, reached beneath the restriction, is a symlink (or has one on the way).</summary>
    public bool IsSymlink(byte[] path)
    {
        try
        {
            return _tree.TryLStat(path, out FileStatus status) && status.Kind == FileKind.Symlink;
        }
        catch (PosixException)
        {
            return true;
        }
    }

    public void Dispose() => _tree.Dispose();

    /// <summary>Whether anything is at <paramref name="path"/> as the kernel reaches it beneath the restriction (a symlink on the way refuses).</summary>
    private bool Reached(byte[] path)
    {
        try
        {
            return _tree.TryLStat(path, out _);
        }
        catch (PosixException e)
        {
            throw new RdiffException($"'{PrintablePath.From(path)}' cannot be served: {e.Message}", e);
        }
    }

    private static byte[] RepositoryPathJoin(byte[] directory, ReadOnlySpan<byte> name) =>
        directory is [(byte)'/'] ? [(byte)'/', .. name] : [.. directory, (byte)'/', .. name];

    private static bool HasParentStep(ReadOnlySpan<byte> path)
    {
        foreach (Range part in path.Split((byte)'/'))
        {
            if (path[part].SequenceEqual(".."u8))
            {
                return true;
            }
        }
        return false;
    }
}
