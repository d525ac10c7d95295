namespace RdiffCore.Selection;

/// <summary>What the selection says about one path.</summary>
internal enum SelectionDecision
{
    /// <summary>Left out, and a directory is not walked.</summary>
    Exclude,

    /// <summary>Backed up; a directory is walked and its entries decided one by one.</summary>
    Include,

    /// <summary>
    /// A directory is walked but kept only if something inside it is included (rdiff-backup's
    /// "scan"); anything else so marked is left out.
    /// </summary>
    Scan,
}
