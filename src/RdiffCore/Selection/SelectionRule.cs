namespace RdiffCore.Selection;

/// <summary>
/// One selection option as given, in command-line order. <see cref="Argument"/> is the glob,
/// regular expression, file name (NAME of --exclude-if-present) or filelist path, as bytes.
/// For the -stdin filelist forms <see cref="Content"/> holds what was read and
/// <see cref="Argument"/> may be null; otherwise the filelist is read when the selection is compiled.
/// </summary>
/// <param name="Kind">Which option.</param>
/// <param name="Include">The --include form (else --exclude).</param>
/// <param name="Argument">The option's value as bytes, if it has one.</param>
public sealed record SelectionRule(SelectionRuleKind Kind, bool Include, byte[]? Argument = null)
{
    /// <summary>The limit of --max-file-size / --min-file-size, in bytes.</summary>
    public long Size { get; init; }

    /// <summary>A filelist's bytes when already read (standard input); null: read the file named by <see cref="Argument"/>.</summary>
    public byte[]? Content { get; init; }
}
