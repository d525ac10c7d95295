using System.Text;
using RdiffCore;
using RdiffCore.Restore;

namespace RdiffCli.Commands;

/// <summary>`rdiffsharp -r TIME REPO[/PATH] TARGET`, `rdiffsharp restore --at TIME REPO[/PATH] TARGET`, and from an increment: `rdiffsharp restore [--increment] REPO/rdiff-backup-data/increments/PATH.TIME.TYPE[.gz] TARGET` (1.x: --restore).</summary>
internal static class RestoreCommand
{
    public static int Run(ParsedArguments args, TextWriter output, TextWriter error, CancellationToken stop)
    {
        if (args.Locations.Count != 2)
        {
            throw new UsageException("restore needs a repository path and a target: rdiffsharp restore --at TIME REPO[/PATH] TARGET");
        }
        string? at = args.Value("at") ?? args.Value("restore-as-of");
        bool increment = args.Has("increment") || args.Has("restore");
        if (increment && args.Has("at"))
        {
            // One argparse group in rdiff-backup: a usage error there too.
            throw new UsageException("restore takes --at or --increment, not both");
        }
        RdiffCore.Remote.Location source = RdiffCore.Remote.Location.Parse(OsArguments.Bytes(args.Locations[0]));
        RdiffCore.Remote.Location target = RdiffCore.Remote.Location.Parse(OsArguments.Bytes(args.Locations[1]));
        var options = new RestoreOptions
        {
            Source = source.Path,
            Target = target.Path,
            At = at,
            Increment = increment,
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
        Action<string> warn = line => error.WriteLine(line);
        RestoreResult result = (source.IsRemote, target.IsRemote) switch
        {
            (false, false) => RestoreEngine.Run(options, warn),
            (true, false) => RdiffCore.Remote.RemoteRestore.Run(options, source.Host!, RemoteArguments.Command(args, source), warn),
            (false, true) => RdiffCore.Remote.RemoteRestore.Into(options, target, RemoteArguments.Command(args, target), warn),
            (true, true) => throw new UsageException("both the repository and the target are remote; run the restore on one of the two machines"),
        };
        _ = output;
        return (result.FileErrors > 0 ? ExitCodes.FileErrors : ExitCodes.Success) | (result.Warning ? ExitCodes.Warning : ExitCodes.Success);
    }
}
