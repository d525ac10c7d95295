using RdiffCore;

namespace RdiffCli.Commands;

/// <summary>
/// Reads both of rdiff-backup's command-line styles (format.md §5): 2.x actions
/// ("backup SRC DEST", "restore --at T REPO TARGET") and 1.x flags ("SRC DEST", "-r T REPO TARGET").
/// </summary>
internal static class ArgumentParser
{
    private static readonly string[] Actions = ["backup", "restore", "list", "remove", "verify", "compare", "regress", "info", "calculate", "test", "server", "complete", "status"];

    // Options that take a value; every other --option is a flag.
    private static readonly Dictionary<string, string> ValueOptions = new()
    {
        ["current-time"] = "current-time", ["verbosity"] = "verbosity", ["v"] = "verbosity",
        ["terminal-verbosity"] = "terminal-verbosity", ["api-version"] = "api-version",
        ["not-compressed-regexp"] = "not-compressed-regexp", ["no-compression-regexp"] = "not-compressed-regexp",
        ["user-mapping-file"] = "user-mapping-file", ["group-mapping-file"] = "group-mapping-file",
        ["chars-to-quote"] = "chars-to-quote", ["override-chars-to-quote"] = "chars-to-quote",
        ["at"] = "at", ["r"] = "restore-as-of", ["restore-as-of"] = "restore-as-of",
        ["tempdir"] = "tempdir", ["remote-tempdir"] = "remote-tempdir", ["remote-schema"] = "remote-schema",
        ["method"] = "method", ["older-than"] = "older-than", ["changed-since"] = "changed-since",
        ["list-at-time"] = "list-at-time", ["list-changed-since"] = "list-changed-since", ["remove-older-than"] = "remove-older-than",
        ["verify-at-time"] = "verify-at-time", ["compare-at-time"] = "compare-at-time",
        ["compare-hash-at-time"] = "compare-hash-at-time", ["compare-full-at-time"] = "compare-full-at-time",
        ["include"] = "include", ["exclude"] = "exclude", ["include-regexp"] = "include-regexp", ["exclude-regexp"] = "exclude-regexp",
        ["include-filelist"] = "include-filelist", ["exclude-filelist"] = "exclude-filelist",
        ["include-globbing-filelist"] = "include-globbing-filelist", ["exclude-globbing-filelist"] = "exclude-globbing-filelist",
        ["include-if-present"] = "include-if-present", ["exclude-if-present"] = "exclude-if-present",
        ["max-file-size"] = "max-file-size", ["min-file-size"] = "min-file-size",
    };

    private static readonly string[] Flags =
    [
        "force", "compression", "no-compression", "preserve-numerical-ids", "eas", "no-eas", "acls", "no-acls",
        "hard-links", "no-hard-links", "fsync", "no-fsync", "use-compatible-timestamps", "file-statistics",
        "no-file-statistics", "print-statistics", "create-full-path", "new", "no-new", "null-separator",
        "parsable-output", "backup-mode", "b", "compare-inode", "no-compare-inode", "never-drop-acls",
        "ssh-compression", "no-ssh-compression", "carbonfile", "no-carbonfile", "resource-forks", "no-resource-forks",
        "allow-duplicate-timestamps", "size", "no-size", "l", "list-increments", "list-increment-sizes",
        "verify", "check-destination-dir", "compare", "compare-hash", "compare-full", "calculate-average",
        "include-filelist-stdin", "exclude-filelist-stdin", "include-globbing-filelist-stdin", "exclude-globbing-filelist-stdin",
        "exclude-other-filesystems", "exclude-device-files", "exclude-fifos", "exclude-sockets", "exclude-symbolic-links",
        "include-symbolic-links", "exclude-special-files", "include-special-files", "exclude-caches", "increment", "restore",
    ];

    public static ParsedArguments Parse(IReadOnlyList<string> args)
    {
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
                positional.Add(arg);
                continue;
            }
            (string name, string? inline) = Split(arg);
            if (ValueOptions.TryGetValue(name, out string? key))
            {
                string? value = inline ?? (i + 1 < args.Count ? args[++i] : throw new UsageException($"option {arg} needs a value; see rdiffsharp --help"));
                options[key] = value;
                order.Add(key);
                sequence.Add((key, value));
            }
            else if (Flags.Contains(name) && inline is null)
            {
                options[name] = null;
                order.Add(name);
                sequence.Add((name, null));
            }
            else
            {
                throw new UsageException($"unknown option '{arg}'; see rdiffsharp --help");
            }
        }
        bool newStyle = !options.ContainsKey("no-new") && (options.ContainsKey("new") || options.ContainsKey("api-version")
            || (positional.Count > 0 && Actions.Contains(positional[0])));
        string action;
        bool actionGiven = newStyle && positional.Count > 0 && Actions.Contains(positional[0]);
        if (actionGiven)
        {
            action = positional[0];
            positional.RemoveAt(0);
            if (action is "list" or "remove" && positional.Count > 0)
            {
                action += " " + positional[0];
                positional.RemoveAt(0);
            }
        }
        else
        {
            action = OldStyleAction(options);
        }
        return new ParsedArguments { Action = action, Options = options, Locations = positional, OptionOrder = order, Sequence = sequence, NewStyle = actionGiven };
    }

    private static string OldStyleAction(Dictionary<string, string?> options) =>
        options.ContainsKey("restore-as-of") || options.ContainsKey("restore") ? "restore"
        : options.ContainsKey("l") || options.ContainsKey("list-increments") || options.ContainsKey("list-increment-sizes") ? "list increments"
        : options.ContainsKey("list-at-time") || options.ContainsKey("list-changed-since") ? "list files"
        : options.ContainsKey("remove-older-than") ? "remove increments"
        : options.ContainsKey("verify") || options.ContainsKey("verify-at-time") ? "verify"
        : options.ContainsKey("check-destination-dir") ? "regress"
        : options.ContainsKey("compare") || options.ContainsKey("compare-hash") || options.ContainsKey("compare-full") || options.ContainsKey("compare-at-time")
            || options.ContainsKey("compare-hash-at-time") || options.ContainsKey("compare-full-at-time") ? "compare"
        : options.ContainsKey("calculate-average") ? "calculate"
        : "backup";

    private static (string Name, string? Value) Split(string arg)
    {
        if (arg.StartsWith("--", StringComparison.Ordinal))
        {
            int equals = arg.IndexOf('=', StringComparison.Ordinal);
            return equals < 0 ? (arg[2..], null) : (arg[2..equals], arg[(equals + 1)..]);
        }
        // Short options: -v5, -v 5, -r 3D, -b, -l.
        string name = arg[1..2];
        return arg.Length > 2 ? (name, arg[2..]) : (name, null);
    }
}
