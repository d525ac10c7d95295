using RdiffCore;

namespace RdiffCli.Commands;

/// <summary>
/// Reads both of rdiff-backup's command-line styles (format.md §5): 2.x actions
/// ("backup SRC DEST", "restore --at T REPO TARGET") and 1.x flags ("SRC DEST", "-r T REPO TARGET").
/// Options are those of <see cref="OptionTable"/>, valid where argparse takes them: the global ones
/// before a 2.x action, the action's own after it (and, as before, a global one by its full name),
/// every one anywhere in a 1.x command line; a long option may be abbreviated to a unique prefix.
/// </summary>
internal static class ArgumentParser
{
    public static ParsedArguments Parse(IReadOnlyList<string> args)
    {
        OptionScope? named = NamedAction(args);
        OptionScope scope = named is null ? OptionTable.Compat : OptionTable.Global;
        bool afterAction = false;
        var options = new Dictionary<string, string?>();
        var order = new List<string>();
        var sequence = new List<(string, string?)>();
        var positional = new List<string>();
        for (int i = 0; i < args.Count; i++)
        {
            string arg = args[i];
            if (arg == "--")
            {
                positional.AddRange(args.Skip(i + 1));
                break;
            }
            if (!arg.StartsWith('-') || arg == "-")
            {
                if (named is not null && !afterAction)
                {
                    // NamedAction found this word to be the first location: the action.
                    afterAction = true;
                    scope = named;
                }
                else if (afterAction && positional.Count == 0 && scope.Entity(arg) is OptionScope entity)
                {
                    scope = entity;
                }
                else
                {
                    positional.Add(arg);
                }
                continue;
            }
            (string typed, string? inline) = Split(arg);
            (string name, OptionSpec spec) = Resolve(typed, scope, afterAction);
            if (spec.Refusal(name) is string why)
            {
                throw new UsageException($"{name}: {why}");
            }
            string key = spec.KeyOf(name);
            string? value = null;
            if (spec.TakesValue)
            {
                value = inline ?? (i + 1 < args.Count ? args[++i] : throw new UsageException($"option {arg} needs a value; see rdiffsharp --help"));
                if (spec.Choices.Count > 0 && !spec.Choices.Contains(value))
                {
                    throw new UsageException($"{name} takes one of {string.Join(", ", spec.Choices)}, not '{value}'");
                }
            }
            else if (inline is not null)
            {
                throw new UsageException($"option {name} takes no value, but was given '{inline}'; see rdiffsharp --help");
            }
            options[key] = value;
            order.Add(key);
            sequence.Add((key, value));
        }
        string action = named is null ? OldStyleAction(options) : ReferenceEquals(scope, OptionTable.Global) ? named.Name : scope.Name;
        return new ParsedArguments { Action = action, Options = options, Locations = positional, OptionOrder = order, Sequence = sequence, NewStyle = named is not null };
    }

    /// <summary>
    /// The 2.x action a command line names: its first location, when that is an action's name and
    /// --no-new is not given; null for a 1.x command line.
    /// </summary>
    public static OptionScope? NamedAction(IReadOnlyList<string> args)
    {
        if (args.TakeWhile(a => a != "--").Contains("--no-new"))
        {
            return null;
        }
        for (int i = 0; i < args.Count && args[i] != "--"; i++)
        {
            string arg = args[i];
            if (!arg.StartsWith('-') || arg == "-")
            {
                return OptionTable.Action(arg);
            }
            (string typed, string? inline) = Split(arg);
            if (inline is null && OptionTable.Compat.Lookup(typed) is { TakesValue: true })
            {
                i++;
            }
        }
        return null;
    }

    private static (string Name, OptionSpec Spec) Resolve(string typed, OptionScope scope, bool afterAction)
    {
        if (afterAction)
        {
            // argparse's top-level parser looks at every word first: a prefix of two global options is refused even after the action.
            OptionTable.Global.RefuseAmbiguous(typed);
        }
        if (scope.Resolve(typed) is { } found)
        {
            return found;
        }
        if (afterAction && OptionTable.Global.Exact(typed) is OptionSpec global)
        {
            return (typed, global);
        }
        if (!afterAction && ReferenceEquals(scope, OptionTable.Compat) && OptionTable.Actions.Any(a => a.Exact(typed) is not null || a.Entities.Any(e => e.Exact(typed) is not null)))
        {
            throw new UsageException($"{typed} belongs to the 2.x actions: name the action first, as in 'rdiffsharp verify --at TIME REPO' (see rdiffsharp --help)");
        }
        throw new UsageException(afterAction
            ? $"{scope.Name} does not take {typed}; see rdiffsharp {scope.Name} --help"
            : $"unknown option '{typed}'; see rdiffsharp --help");
    }

    private static string OldStyleAction(Dictionary<string, string?> options) =>
        options.ContainsKey("restore-as-of") || options.ContainsKey("restore") ? "restore"
        : options.ContainsKey("list-increments") || options.ContainsKey("list-increment-sizes") ? "list increments"
        : options.ContainsKey("list-at-time") || options.ContainsKey("list-changed-since") ? "list files"
        : options.ContainsKey("remove-older-than") ? "remove increments"
        : options.ContainsKey("verify") || options.ContainsKey("verify-at-time") ? "verify"
        : options.ContainsKey("check-destination-dir") ? "regress"
        : options.ContainsKey("compare") || options.ContainsKey("compare-hash") || options.ContainsKey("compare-full") || options.ContainsKey("compare-at-time")
            || options.ContainsKey("compare-hash-at-time") || options.ContainsKey("compare-full-at-time") ? "compare"
        : options.ContainsKey("calculate-average") ? "calculate"
        : options.ContainsKey("server") ? "server"
        : options.ContainsKey("test-server") ? "test"
        : "backup";

    /// <summary>"--name=value" and "-v5" into the option as typed and its attached value.</summary>
    private static (string Name, string? Value) Split(string arg)
    {
        if (arg.StartsWith("--", StringComparison.Ordinal))
        {
            int equals = arg.IndexOf('=', StringComparison.Ordinal);
            return equals < 0 ? (arg, null) : (arg[..equals], arg[(equals + 1)..]);
        }
        // Short options: -v5, -v 5, -r 3D, -b, -l.
        return arg.Length > 2 ? (arg[..2], arg[2..]) : (arg, null);
    }
}
