namespace RdiffCore.Verify;

/// <summary>How `compare` tells whether a regular file's data changed (rdiff-backup's --method).</summary>
public enum CompareMethod
{
    /// <summary>Attributes only (--compare).</summary>
    Meta,

    /// <summary>Attributes, and the source's SHA-1 against the recorded one (--compare-hash).</summary>
    Hash,

    /// <summary>Attributes, and the source's data against the data rebuilt from the repository (--compare-full).</summary>
    Full,
}
