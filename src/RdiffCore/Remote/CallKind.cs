namespace RdiffCore.Remote;

/// <summary>The first field of every request message: which call it is (protocol.md "Calls").</summary>
internal enum CallKind : ulong
{
    /// <summary>Is the far side there, which version is it, and is PATH a directory it may serve? (`rdiffsharp test`)</summary>
    Probe = 1,

    /// <summary>Stream the walk of a directory: its records in canonical order, and the per-file errors met.</summary>
    Walk = 2,
}
