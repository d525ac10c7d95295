using Microsoft.Win32.SafeHandles;
using RdiffCore.Model;

namespace RdiffCore.Platform.Posix;

/// <summary>
/// A tree that RdiffSharp works in (a mirror, a repository's data, a restore target, a source), and
/// the calls made on paths below it. Paths are given as the absolute bytes the rest of the code
/// builds (root + '/' + components), but they are never handed to the kernel as strings: the parent
/// is opened from the root's handle with openat2 (RESOLVE_BENEATH, no symlinks, no ".."), and the last
/// name is acted on with an *at call that does not follow it. A symlink planted anywhere inside the
/// tree therefore fails the call (ELOOP) instead of leading out of it. The root itself, a path the user
/// gave, is resolved once, when the tree is opened.
/// </summary>
/// The last parent opened is kept per thread (a backup or restore works in canonical order, so
/// consecutive calls share it). A rename, rmdir or removal of that parent or of a directory above it
/// drops it, since its path may now lead elsewhere; the engines change a tree from one thread, so a
/// parent kept by another thread is not looked at.
internal sealed partial class RootedTree : IDisposable
{
    private readonly DirectoryHandle _root;
    private readonly ThreadLocal<CachedParent?> _parents = new(trackAllValues: true);

    private RootedTree(DirectoryHandle root)
    {
        _root = root;
    }

    public byte[] Root => _root.Path;

    /// <summary>Opens the tree at an absolute path (symlinks in the path itself are followed, once).</summary>
    public static RootedTree Open(byte[] root) => new(DirectoryHandle.OpenRoot(root));

    /// <summary>True when <paramref name="path"/> is the root or below it (by bytes).</summary>
    public bool Contains(ReadOnlySpan<byte> path)
    {
        ReadOnlySpan<byte> root = Root;
        return path.StartsWith(root) && (path.Length == root.Length || path[root.Length] == (byte)'/' || root is [(byte)'/']);
    }

    public void Dispose()
    {
        foreach (CachedParent? parent in _parents.Values)
        {
            parent?.Handle.Dispose();
        }
        _parents.Dispose();
        _root.Dispose();
    }

    /// <summary>
    /// The open parent directory of <paramref name="path"/> (not the root itself) and its last name.
    /// With <paramref name="keep"/> the parent is the thread's kept one; otherwise a parent that is not
    /// kept is opened for this call alone (for the second path of rename and link).
    /// </summary>
    private Located Locate(ReadOnlySpan<byte> path, bool keep = true)
    {
        ReadOnlySpan<byte> relative = Relative(path);
        int slash = relative.LastIndexOf((byte)'/');
        ReadOnlySpan<byte> name = relative[(slash + 1)..];
        if (name.IsEmpty || name.SequenceEqual("."u8) || name.SequenceEqual(".."u8))
        {
            throw new PosixException(Errno.EINVAL, "open (not a name below the tree's root)", path);
        }
        if (slash < 0)
        {
            return new Located(_root, name, owned: false);
        }
        ReadOnlySpan<byte> parentPath = relative[..slash];
        CachedParent? cached = _parents.Value;
        if (cached is not null && parentPath.SequenceEqual(cached.Relative))
        {
            return new Located(cached.Handle, name, owned: false);
        }
        DirectoryHandle opened = _root.OpenBelow(parentPath);
        if (!keep)
        {
            return new Located(opened, name, owned: true);
        }
        cached?.Handle.Dispose();
        _parents.Value = new CachedParent(parentPath.ToArray(), opened);
        return new Located(opened, name, owned: false);
    }

    /// <summary><paramref name="path"/> was renamed or removed: a kept parent at or below it is opened afresh next time.</summary>
    private void Forget(ReadOnlySpan<byte> path)
    {
        CachedParent? cached = _parents.Value;
        if (cached is null)
        {
            return;
        }
        ReadOnlySpan<byte> changed = IsRoot(path) ? [] : Relative(path);
        ReadOnlySpan<byte> kept = cached.Relative;
        if (changed.IsEmpty || (kept.StartsWith(changed) && (kept.Length == changed.Length || kept[changed.Length] == (byte)'/')))
        {
            cached.Handle.Dispose();
            _parents.Value = null;
        }
    }

    private ReadOnlySpan<byte> Relative(ReadOnlySpan<byte> path)
    {
        if (!Contains(path))
        {
            throw new InvalidOperationException($"'{PrintablePath.From(path)}' is not in the tree '{PrintablePath.From(Root)}'.");
        }
        int skip = Root is [(byte)'/'] ? 1 : Math.Min(path.Length, Root.Length + 1);
        return path[skip..];
    }

    private bool IsRoot(ReadOnlySpan<byte> path) => path.SequenceEqual(Root);

    /// <summary>A parent directory and the last name, for one call.</summary>
    private readonly ref struct Located(DirectoryHandle directory, ReadOnlySpan<byte> name, bool owned)
    {
        public DirectoryHandle Directory { get; } = directory;

        public ReadOnlySpan<byte> Name { get; } = name;

        public void Dispose()
        {
            if (owned)
            {
                Directory.Dispose();
            }
        }
    }

    private sealed record CachedParent(byte[] Relative, DirectoryHandle Handle);
}
