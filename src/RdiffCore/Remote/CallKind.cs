namespace RdiffCore.Remote;

/// <summary>The first field of every request message: which call it is (protocol.md "Calls").</summary>
internal enum CallKind : ulong
{
    /// <summary>Is the far side there, which version is it, and is PATH a directory it may serve? (`rdiffsharp test`)</summary>
    Probe = 1,
}
