using RdiffCore;

namespace RdiffCli.Commands;

/// <summary>
/// Which options rdiff-backup 2.2.2's argparse takes with list, remove, verify and regress, so that
/// a command line it refuses (exit 2) is refused here too instead of silently meaning something:
/// a 2.x action takes the global options and its own (`rdiff-backup ACTION --help`); a 1.x command
/// line takes one action flag and none of the 2.x actions' own options.
/// </summary>
internal static class ActionOptions
{
    // `rdiff-backup --help`: the options before the action (parsed keys, see ArgumentParser).
    private static readonly string[] Global =
    [
        "api-version", "current-time", "force", "fsync", "no-fsync", "null-separator", "new", "no-new", "chars-to-quote",
        "parsable-output", "remote-schema", "remote-tempdir", "ssh-compression", "no-ssh-compression", "tempdir",
        "terminal-verbosity", "use-compatible-timestamps", "verbosity",
    ];

    private static readonly Dictionary<string, string[]> Own = new()
    {
        ["list increments"] = ["size", "no-size"],
        ["list files"] = ["at", "changed-since"],
        ["remove increments"] = ["older-than", "size", "no-size"],
        ["verify"] = ["at"],
        ["regress"] =
        [
            "compression", "no-compression", "not-compressed-regexp", "allow-duplicate-timestamps",
            "group-mapping-file", "preserve-numerical-ids", "user-mapping-file",
        ],
    };

    // The 1.x action flags, one of which at most (argparse's mutually exclusive group).
    private static readonly string[] OldActions =
    [
        "b", "backup-mode", "calculate-average", "check-destination-dir", "compare", "compare-at-time", "compare-hash",
        "compare-full", "compare-hash-at-time", "compare-full-at-time", "list-at-time", "list-changed-since", "l",
        "list-increments", "list-increment-sizes",
        "remove-older-than", "restore-as-of", "restore", "verify", "verify-at-time",
    ];

    // Options only the 2.x actions know.
    private static readonly string[] NewOnly = ["size", "no-size", "at", "older-than", "changed-since", "method", "increment"];

    /// <summary>Throws a <see cref="UsageException"/> (exit 2) for an option rdiff-backup would refuse with this action.</summary>
    public static void Check(ParsedArguments args)
    {
        if (!args.NewStyle)
        {
            string[] actions = [.. OldActions.Where(args.Has)];
            if (actions.Length > 1)
            {
                throw new UsageException($"{Shown(actions[1])} is not allowed with {Shown(actions[0])}: give one action");
            }
            if (NewOnly.FirstOrDefault(args.Has) is string option)
            {
                throw new UsageException($"{Shown(option)} belongs to the 2.x actions; write the command as 'rdiffsharp {args.Action} ...' (see rdiffsharp --help)");
            }
            return;
        }
        if (!Own.TryGetValue(args.Action, out string[]? own))
        {
            return;
        }
        foreach (string option in args.OptionOrder)
        {
            if (!Global.Contains(option) && !own.Contains(option))
            {
                throw new UsageException($"{args.Action} does not take {Shown(option)}; see rdiffsharp --help");
            }
        }
        if (args.Has("at") && args.Has("changed-since"))
        {
            throw new UsageException("list files takes --at or --changed-since, not both");
        }
    }

    private static string Shown(string option) => option.Length == 1 ? "-" + option : "--" + option;
}
