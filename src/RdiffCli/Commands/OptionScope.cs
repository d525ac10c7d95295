using RdiffCore;

namespace RdiffCli.Commands;

/// <summary>
/// The options valid at one place of a command line, as one of rdiff-backup's argparse parsers
/// holds them: before the action (the global ones), after an action or its entity ("list files"),
/// or anywhere in a 1.x command line. A long option may be shortened to any prefix that names one
/// of them; an exact name always wins.
/// </summary>
/// <param name="Name">The action ("list files"), "rdiffsharp" for the global scope.</param>
/// <param name="Options">In argparse's registration order.</param>
/// <param name="Arguments">The locations for help ("SOURCE REPOSITORY"); empty when none.</param>
/// <param name="Description">What the action does, for its help.</param>
internal sealed record OptionScope(string Name, IReadOnlyList<OptionSpec> Options, string Arguments, string Description)
{
    /// <summary>The sub-actions ("files", "increments" of list), in the order rdiff-backup declares them.</summary>
    public IReadOnlyList<OptionScope> Entities { get; init; } = [];

    /// <summary>How many locations the action takes, for `complete`: null none, 0 any number, else exactly that many.</summary>
    public int? Locations { get; init; }

    /// <summary>Every name with its option, in registration order.</summary>
    public IEnumerable<(string Name, OptionSpec Spec)> Names => Options.SelectMany(o => o.Names.Select(n => (n, o)));

    public OptionSpec? Exact(string name) => Options.FirstOrDefault(o => o.Names.Contains(name));

    public OptionScope? Entity(string name) => Entities.FirstOrDefault(e => e.Name.EndsWith(" " + name, StringComparison.Ordinal));

    /// <summary>
    /// The option <paramref name="name"/> (as typed, before any '=') stands for here: itself, or the one
    /// option it is a prefix of; null when nothing matches. A prefix of several is refused as argparse
    /// refuses it, naming them all.
    /// </summary>
    public (string Name, OptionSpec Spec)? Resolve(string name)
    {
        if (Exact(name) is OptionSpec exact)
        {
            return (name, exact);
        }
        List<(string Name, OptionSpec Spec)> matches = Prefixed(name);
        return matches.Count switch
        {
            0 => null,
            1 => matches[0],
            _ => throw Ambiguous(name, matches),
        };
    }

    /// <summary>As <see cref="Resolve"/>, but null for an ambiguous prefix too (the caller only looks ahead).</summary>
    public OptionSpec? Lookup(string name) =>
        Exact(name) ?? (Prefixed(name) is { Count: 1 } matches ? matches[0].Spec : null);

    /// <summary>argparse's first look at every word: a prefix of several options of this scope is an error even where another scope would take it.</summary>
    public void RefuseAmbiguous(string name)
    {
        if (Exact(name) is null && Prefixed(name) is { Count: > 1 } matches)
        {
            throw Ambiguous(name, matches);
        }
    }

    // Only long options abbreviate ("-v9" is -v with a value: see ArgumentParser.Split).
    private List<(string Name, OptionSpec Spec)> Prefixed(string name) =>
        name.StartsWith("--", StringComparison.Ordinal) && name.Length > 2
            ? [.. Names.Where(n => n.Name.StartsWith(name, StringComparison.Ordinal))]
            : [];

    private static UsageException Ambiguous(string name, List<(string Name, OptionSpec Spec)> matches) =>
        new($"ambiguous option: {name} could match {string.Join(", ", matches.Select(m => m.Name))}; write more of the option's name");
}
