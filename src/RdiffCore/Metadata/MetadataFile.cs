using System.IO.Compression;

namespace RdiffCore.Metadata;

/// <summary>Opens metadata and statistics files of rdiff-backup-data for reading.</summary>
internal static class MetadataFile
{
    /// <summary>
    /// The file's content: gunzipped when the name ends ".gz" (concatenated gzip members too), and
    /// empty for a zero-length file with or without ".gz" (the "maybe gzip" writer's empty case).
    /// </summary>
    public static Stream OpenRead(byte[] path)
    {
        FileStream file = MetadataFileSystem.OpenRead(path);
        if (file.Length == 0)
        {
            file.Dispose();
            return Stream.Null;
        }
        return path.AsSpan().EndsWith(".gz"u8) ? new GZipStream(file, CompressionMode.Decompress, leaveOpen: false) : file;
    }

    /// <summary>The path as text for error messages.</summary>
    public static string Display(byte[] path) => MetadataFileSystem.Display(path);
}
