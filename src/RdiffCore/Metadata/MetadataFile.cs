using RdiffCore.Platform.Posix;
using RdiffCore.Storage;

namespace RdiffCore.Metadata;

/// <summary>Opens metadata and statistics files of rdiff-backup-data for reading.</summary>
internal static class MetadataFile
{
    /// <summary>
    /// The file's content: gunzipped when the name ends ".gz" (concatenated gzip members too, every
    /// trailer checked, so a file cut short is damage rather than fewer records), and
    /// empty for a zero-length file with or without ".gz" (the "maybe gzip" writer's empty case).
    /// </summary>
    public static Stream OpenRead(byte[] path, RootedTree? tree = null)
    {
        FileStream file = MetadataFileSystem.OpenRead(path, tree);
        if (file.Length == 0)
        {
            file.Dispose();
            return Stream.Null;
        }
        return path.AsSpan().EndsWith(".gz"u8) ? new VerifiedGzipStream(file) : file;
    }

    /// <summary>The path as text for error messages.</summary>
    public static string Display(byte[] path) => MetadataFileSystem.Display(path);
}
