using RdiffCore.Model;
using RdiffCore.Platform.Posix;

namespace RdiffCore.Remote;

/// <summary>The directory a server serves beneath ("/" when unrestricted) and what it allows there.</summary>
/// <param name="Directory">An absolute path; every path a client names must lie beneath it, as the kernel resolves it.</param>
/// <param name="Mode">The calls allowed.</param>
public sealed record ServerRestriction(byte[] Directory, RestrictMode Mode)
{
    /// <summary>The restriction to <paramref name="directory"/> (made absolute), which must be a directory.</summary>
    /// <exception cref="RdiffException">It is missing or not a directory.</exception>
    public static ServerRestriction Create(byte[] directory, RestrictMode mode)
    {
        byte[] root = PosixFs.AbsolutePath(directory);
        if (!PosixFs.TryLStat(root, out FileStatus status) || status.Kind != FileKind.Directory)
        {
            throw new RdiffException(
                $"the directory to restrict the server to, '{PrintablePath.From(root)}', does not exist or is not a directory (a symlink is not followed); create it or correct --restrict-path");
        }
        return new ServerRestriction(root, mode);
    }
}
