using System.Text;
using RdiffCore.Platform.Posix;

namespace RdiffCore.Storage;

/// <summary>
/// A new private directory (mode 0700) for the files a verify, compare or restore rebuilds from
/// reverse deltas: inside --tempdir when given (rdiff-backup's option), else inside the system's
/// temporary directory. Disposing removes it with everything in it.
/// </summary>
public sealed class ScratchDirectory : IDisposable
{
    private readonly RootedTree _parent;

    private ScratchDirectory(RootedTree parent, byte[] path)
    {
        _parent = parent;
        Path = path;
        Tree = RootedTree.Open(path);
    }

    /// <summary>The directory's absolute path.</summary>
    internal byte[] Path { get; }

    /// <summary>The directory as a tree: files are created and removed beneath it.</summary>
    internal RootedTree Tree { get; }

    /// <summary>
    /// Refuses a --tempdir that is not a directory (rdiff-backup checks it before any action, and so
    /// does the command line): an <see cref="RdiffException"/> naming it.
    /// </summary>
    public static void CheckParent(byte[] directory)
    {
        try
        {
            // Opened as rdiff-backup's os.path.isdir tests it: a symlink to a directory is one.
            RootedTree.Open(PosixFs.AbsolutePath(directory)).Dispose();
        }
        catch (PosixException e)
        {
            throw new RdiffException($"temporary directory '{RepositoryPreparer.Show(directory)}' doesn't exist or is not a directory ({e.Errno}); create it or give another --tempdir");
        }
    }

    /// <summary>Creates a scratch directory named <paramref name="prefix"/>N inside <paramref name="parent"/> (null: the system's temporary directory).</summary>
    internal static ScratchDirectory Create(byte[]? parent, string prefix)
    {
        byte[] root = parent is null ? Encoding.UTF8.GetBytes(System.IO.Path.GetTempPath().TrimEnd('/')) : PosixFs.AbsolutePath(parent);
        RootedTree parentTree = RootedTree.Open(root.Length == 0 ? "/"u8.ToArray() : root);
        try
        {
            // A random first number: two processes rarely try the same names.
            var names = new TempNames(prefix, Random.Shared.NextInt64(1L << 40));
            byte[] path = names.Create(parentTree.Root, name => parentTree.MkDir(name, 0b111_000_000));
            return new ScratchDirectory(parentTree, path);
        }
        catch
        {
            parentTree.Dispose();
            throw;
        }
    }

    /// <summary>Removes the directory and what is left in it.</summary>
    public void Dispose()
    {
        Tree.Dispose();
        try
        {
            _parent.RemoveTree(Path);
        }
        finally
        {
            _parent.Dispose();
        }
    }
}
