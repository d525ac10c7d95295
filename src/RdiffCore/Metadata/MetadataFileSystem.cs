using RdiffCore.Platform.Posix;

namespace RdiffCore.Metadata;

/// <summary>
/// The only place the metadata codecs touch the file system: through Platform.Posix, so paths stay
/// bytes; failures become one <see cref="MetadataFileException"/> naming the file.
/// </summary>
internal static class MetadataFileSystem
{
    private const int BufferSize = 64 * 1024;

    /// <summary>Opens a metadata file, through <paramref name="tree"/> (the repository's) when given.</summary>
    public static FileStream OpenRead(byte[] path, RootedTree? tree = null) =>
        Open(path, "open", () => new FileStream(tree is null ? PosixFs.OpenRead(path) : tree.OpenRead(path), FileAccess.Read, BufferSize));

    /// <summary>Creates a file that must not exist yet, mode 0600 like every rdiff-backup-data file, through <paramref name="tree"/> when given.</summary>
    public static FileStream CreateNew(byte[] path, RootedTree? tree = null) =>
        Open(path, "create", () => new FileStream(tree is null ? PosixFs.CreateNew(path, 0b110_000_000) : tree.CreateNew(path, 0b110_000_000), FileAccess.Write, BufferSize));

    public static string Display(ReadOnlySpan<byte> path) => PrintablePath.From(path);

    private static FileStream Open(byte[] path, string action, Func<FileStream> open)
    {
        try
        {
            return open();
        }
        catch (PosixException error)
        {
            throw new MetadataFileException($"Cannot {action} {Display(path)}: {PosixException.Describe(error.Errno)}", error);
        }
    }
}
