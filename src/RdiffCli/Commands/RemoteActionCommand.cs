using RdiffCore;
using RdiffCore.Remote;

namespace RdiffCli.Commands;

/// <summary>
/// list, verify, status, regress and remove on a repository at HOST::PATH: the far side runs the
/// action there, with the same code a local run uses, and its output comes back as it is written.
/// </summary>
internal static class RemoteActionCommand
{
    // Where the far side is reached from: used here, never sent.
    private static readonly HashSet<string> Connecting = ["remote-schema", "ssh-compression", "no-ssh-compression", "remote-tempdir"];

    // The 1.x flags that name the action say it in 2.x words on the wire.
    private static readonly Dictionary<string, string?> OldFlags = new()
    {
        ["list-increments"] = null, ["list-increment-sizes"] = "size", ["list-at-time"] = "at", ["list-changed-since"] = "changed-since",
        ["remove-older-than"] = "older-than", ["verify"] = null, ["verify-at-time"] = "at", ["check-destination-dir"] = null,
    };

    public static bool Applies(ParsedArguments args) =>
        (ActionRequest.Reading.Contains(args.Action) || ActionRequest.Writing.Contains(args.Action))
        && args.Locations.Count == 1 && Location.Parse(OsArguments.Bytes(args.Locations[0])).IsRemote;

    public static int Run(ParsedArguments args, TextWriter output, TextWriter error)
    {
        Location location = Location.Parse(OsArguments.Bytes(args.Locations[0]));
        var options = new List<(string Name, byte[]? Value)>();
        foreach ((string given, string? value) in args.Sequence)
        {
            string name = given;
            if (OldFlags.TryGetValue(given, out string? renamed))
            {
                if (renamed is null)
                {
                    continue;
                }
                name = renamed;
            }
            if (Connecting.Contains(name))
            {
                continue;
            }
            if (!ActionRequest.Options.Contains(name))
            {
                throw new UsageException($"--{name} cannot be used with a repository on another machine (it would name something there); run the action on that machine");
            }
            options.Add((name, value is null ? null : OsArguments.Bytes(value)));
        }
        return RemoteAction.Run(args.Action, options, location, RemoteArguments.Command(args, location), output, error);
    }

    /// <summary>The server's side: the action's command line rebuilt from what was allowed through, and run as a local one.</summary>
    public static int Serve(string action, IReadOnlyList<(string Name, byte[]? Value)> options, byte[] path, TextWriter output, TextWriter error)
    {
        var argv = new List<string>(action.Split(' '));
        foreach ((string name, byte[]? value) in options)
        {
            argv.Add("--" + name);
            if (value is not null)
            {
                argv.Add(OsArguments.Decode(value));
            }
        }
        argv.Add("--");
        argv.Add(OsArguments.Decode(path));
        return Cli.Run([.. argv], output, error);
    }
}
