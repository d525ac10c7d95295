using System.Text;
using RdiffCore;
using RdiffCore.Restore;

namespace RdiffCli.Commands;

/// <summary>`rdiffsharp -r TIME REPO[/PATH] TARGET` and `rdiffsharp restore --at TIME REPO[/PATH] TARGET`.</summary>
internal static class RestoreCommand
{
    public static int Run(ParsedArguments args, TextWriter output, TextWriter error, CancellationToken stop)
    {
        if (args.Locations.Count != 2)
        {
            throw new UsageException("restore needs a repository path and a target: rdiffsharp restore --at TIME REPO[/PATH] TARGET");
        }
        BackupCommand.Unsupported(args, "increment", "restore");
        string at = args.Value("at") ?? args.Value("restore-as-of") ?? "now";
        var options = new RestoreOptions
        {
            Source = OsArguments.Bytes(args.Locations[0]),
            Target = OsArguments.Bytes(args.Locations[1]),
            At = at,
            CurrentTime = args.Number("current-time"),
            Stop = stop,
            Force = args.Has("force"),
            PreserveNumericalIds = args.Has("preserve-numerical-ids"),
            UserMappingFile = args.Value("user-mapping-file") is string userMap ? OsArguments.Bytes(userMap) : null,
            GroupMappingFile = args.Value("group-mapping-file") is string groupMap ? OsArguments.Bytes(groupMap) : null,
            Xattrs = args.Switch("eas", true),
            Acls = args.Switch("acls", true),
            CharsToQuote = BackupCommand.CharsToQuote(args),
            TempDirectory = BackupCommand.TempDirectory(args),
            Selection = SelectionArguments.Rules(args, BackupCommand.ReadStandardInput),
            NullSeparator = args.Has("null-separator"),
        };
        RestoreResult result = RestoreEngine.Run(options, line => error.WriteLine(line));
        _ = output;
        return (result.FileErrors > 0 ? ExitCodes.FileErrors : ExitCodes.Success) | (result.Warning ? ExitCodes.Warning : ExitCodes.Success);
    }
}
