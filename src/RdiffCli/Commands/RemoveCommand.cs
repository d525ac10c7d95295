using System.Text;
using RdiffCore;
using RdiffCore.History;

namespace RdiffCli.Commands;

/// <summary>`rdiffsharp remove increments --older-than TIME [--size] REPO` and `rdiffsharp --remove-older-than TIME REPO`.</summary>
internal static class RemoveCommand
{
    public static int Run(ParsedArguments args, TextWriter output, TextWriter error)
    {
        ActionOptions.Check(args);
        if (args.Locations.Count != 1)
        {
            throw new UsageException("remove increments needs one repository: rdiffsharp remove increments --older-than TIME REPO");
        }
        string olderThan = args.Value("older-than") ?? args.Value("remove-older-than")
            ?? throw new UsageException("remove increments needs --older-than TIME; see rdiffsharp --help");
        var options = new RemoveOptions
        {
            Repository = OsArguments.LocalPath(args.Locations[0]),
            OlderThan = olderThan,
            // The 1.x --remove-older-than has no size form.
            Sizes = !args.Has("remove-older-than") && args.Switch("size", false),
            Force = args.Has("force"),
            CurrentTime = args.Number("current-time"),
            ApiVersion = BackupCommand.ApiVersion(args),
            CharsToQuote = BackupCommand.CharsToQuote(args),
        };
        RemoveResult result = RemoveEngine.Run(options, line => output.WriteLine($"NOTE: {line}"), line => error.WriteLine($"WARNING: {line}"));
        return result.Warning ? ExitCodes.Warning : ExitCodes.Success;
    }
}
