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
            throw new RdiffException($"'{PrintablePath.From(path)}' cannot be served: {e.Message}");
        }
    }

    /// <summary>
    /// Checks that a repository at <paramref name="path"/> is reached beneath the restriction: the
    /// directory itself if it exists, else the directory it would be made in.
    /// </summary>
    public void CheckRepository(byte[] path)
    {
        int slash = path.AsSpan().LastIndexOf((byte)'/');
        byte[] parent = slash <= 0 ? [(byte)'/'] : path[..slash];
        CheckDirectory(PosixFs.TryLStat(path, out _) || !_tree.Contains(parent) ? path : parent);
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

    public void Dispose() => _tree.Dispose();

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
