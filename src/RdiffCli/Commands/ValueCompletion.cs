namespace RdiffCli.Commands;

/// <summary>
/// What `complete` offers for the word after an option, as rdiff-backup's hook decides it from the
/// option's declared value type.
/// </summary>
internal enum ValueCompletion
{
    /// <summary>The next word completes as any word does: a flag, or a value rdiff-backup declares without a type (--at, --method).</summary>
    Options,

    /// <summary>The option's choices (--verbosity: 0 to 9).</summary>
    Choices,

    /// <summary>A file name: the shell's own completion (the "::file::" marker).</summary>
    File,

    /// <summary>Nothing can be suggested (a time, a number, a glob).</summary>
    Nothing,
}
