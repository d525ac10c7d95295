using System.Text;
using System.Text.Unicode;

namespace RdiffCore.Metadata;

/// <summary>
/// The only place the metadata codecs touch the file system. Paths are bytes; until
/// RdiffCore.Platform.Posix exists they go through System.IO as UTF-8 strings in
/// <see cref="ToOsPath"/>, the one method to swap for byte-exact opening.
/// </summary>
internal static class MetadataFileSystem
{
    private const int BufferSize = 64 * 1024;

    public static FileStream OpenRead(byte[] path) =>
        Open(path, new FileStreamOptions { Mode = FileMode.Open, Access = FileAccess.Read, Share = FileShare.Read, BufferSize = BufferSize, Options = FileOptions.SequentialScan });

    /// <summary>Creates a file that must not exist yet, mode 0600 like every rdiff-backup-data file.</summary>
    public static FileStream CreateNew(byte[] path)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None, BufferSize = BufferSize };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        return Open(path, options);
    }

    public static string Display(ReadOnlySpan<byte> path) => Encoding.UTF8.GetString(path);

    private static FileStream Open(byte[] path, FileStreamOptions options)
    {
        try
        {
            return new FileStream(ToOsPath(path), options);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            string action = options.Mode == FileMode.CreateNew ? "create" : "open";
            throw new MetadataFileException($"Cannot {action} {Display(path)}: {error.Message}", error);
        }
    }

    private static string ToOsPath(byte[] path)
    {
        if (!Utf8.IsValid(path))
        {
            throw new MetadataFileException(
                $"The path {Display(path)} is not UTF-8, which this build cannot open yet; use a repository path in UTF-8.",
                new ArgumentException("Non-UTF-8 path.", nameof(path)));
        }
        return Encoding.UTF8.GetString(path);
    }
}
