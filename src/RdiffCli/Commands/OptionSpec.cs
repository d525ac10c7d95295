namespace RdiffCli.Commands;

/// <summary>
/// One option as rdiff-backup's parser declares it: its names in the order argparse registers them
/// (the order its "could match" lists follow), whether it takes a value, and our one-line help.
/// </summary>
/// <param name="Names">The spellings, dashes included ("-v", "--verbosity"; "--fsync", "--no-fsync").</param>
/// <param name="Metavar">The value's placeholder in help; null for a flag.</param>
/// <param name="Help">What it does, in our words.</param>
internal sealed record OptionSpec(string[] Names, string? Metavar, string Help)
{
    /// <summary>The key every name is parsed to (-v and --verbosity: "verbosity"); null: each name is its own key (a --x/--no-x pair).</summary>
    public string? Key { get; init; }

    public IReadOnlyList<string> Choices { get; init; } = [];

    public ValueCompletion Completion { get; init; } = ValueCompletion.Options;

    /// <summary>Why rdiffsharp refuses the option although rdiff-backup knows it; null when it is taken.</summary>
    public string? Unsupported { get; init; }

    /// <summary>The names <see cref="Unsupported"/> is about; empty: all of them.</summary>
    public IReadOnlyList<string> UnsupportedNames { get; init; } = [];

    /// <summary>Why rdiffsharp refuses <paramref name="name"/>, or null.</summary>
    public string? Refusal(string name) => UnsupportedNames.Count == 0 || UnsupportedNames.Contains(name) ? Unsupported : null;

    public bool TakesValue => Metavar is not null;

    /// <summary>The key of <paramref name="name"/> in <see cref="ParsedArguments.Options"/>: "--no-fsync" is "no-fsync".</summary>
    public string KeyOf(string name) => Key ?? name.TrimStart('-');
}
