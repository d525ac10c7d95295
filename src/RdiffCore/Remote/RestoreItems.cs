namespace RdiffCore.Remote;

/// <summary>The items of a Restore stream (protocol.md "Restore"), each a LEB128 tag and its fields.</summary>
internal static class RestoreItems
{
    /// <summary>First: the path restored as the repository names it, and the session.</summary>
    public const ulong Header = 1;

    /// <summary>A record, and whether its data follows.</summary>
    public const ulong Record = 2;

    /// <summary>Bytes of the current file.</summary>
    public const ulong Chunk = 3;

    /// <summary>The current file is complete; its field says whether its data exists (0: lost).</summary>
    public const ulong Done = 4;

    /// <summary>The current file could not be rebuilt: the reason.</summary>
    public const ulong Failed = 5;

    /// <summary>A warning of the repository side, in its place.</summary>
    public const ulong Warning = 6;

    /// <summary>Last: the paths the repository side counted as lost (damaged metadata, missing records).</summary>
    public const ulong Lost = 7;

    public const int Batch = 256 << 10;
}
