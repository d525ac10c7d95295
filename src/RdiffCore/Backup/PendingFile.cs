namespace RdiffCore.Backup;

/// <summary>
/// A new mirror file that may still sit under its temp name until the commit queue renames it;
/// later hard links to it use whichever name holds it now.
/// </summary>
internal sealed class PendingFile(byte[] currentPath)
{
    public byte[] CurrentPath { get; set; } = currentPath;

    /// <summary>The temp name is a hard link to an existing file, which may be the mirror file itself.</summary>
    public bool IsLink { get; init; }
}
