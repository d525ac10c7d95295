namespace RdiffCli.Commands;

/// <summary>A command line as rdiff-backup reads it: the action, its options (last one wins) and the locations.</summary>
internal sealed class ParsedArguments
{
    public required string Action { get; init; }

    public required IReadOnlyDictionary<string, string?> Options { get; init; }

    public required IReadOnlyList<string> Locations { get; init; }

    /// <summary>The action was named (2.x style: "list increments REPO"), not implied by a 1.x flag.</summary>
    public bool NewStyle { get; init; }

    public bool Has(string option) => Options.ContainsKey(option);

    public string? Value(string option) => Options.TryGetValue(option, out string? value) ? value : null;

    /// <summary>A --x / --no-x pair: the last one given wins, else the default.</summary>
    public bool Switch(string name, bool defaultValue) =>
        Options.ContainsKey("no-" + name) && Options.ContainsKey(name)
            ? Order("no-" + name) < Order(name)
            : Options.ContainsKey(name) || (!Options.ContainsKey("no-" + name) && defaultValue);

    public required IReadOnlyList<string> OptionOrder { get; init; }

    /// <summary>Every option with its value in command-line order, repeats included (selection rules need them all).</summary>
    public required IReadOnlyList<(string Name, string? Value)> Sequence { get; init; }

    private int Order(string name) => OptionOrder is List<string> list ? list.LastIndexOf(name) : -1;

    public long? Number(string option)
    {
        string? value = Value(option);
        if (value is null)
        {
            return null;
        }
        return long.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out long n)
            ? n
            : throw new RdiffCore.UsageException($"--{option} needs a whole number, not '{value}'");
    }
}
