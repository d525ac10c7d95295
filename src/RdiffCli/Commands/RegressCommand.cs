using System.Text;
using RdiffCore;
using RdiffCore.Regress;

namespace RdiffCli.Commands;

/// <summary>`rdiffsharp regress [options] REPO` and `rdiffsharp --check-destination-dir REPO`, with every option rdiff-backup 2.2.2's regress takes.</summary>
internal static class RegressCommand
{
    public static int Run(ParsedArguments args, TextWriter output, TextWriter error)
    {
        ActionOptions.Check(args);
        if (args.Locations.Count != 1)
        {
            throw new UsageException("regress needs one repository: rdiffsharp regress REPO");
        }
        var options = new RegressOptions
        {
            Repository = OsArguments.LocalPath(args.Locations[0]),
            Force = args.Has("force"),
            ApiVersion = BackupCommand.ApiVersion(args),
            Fsync = args.Switch("fsync", true),
            CharsToQuote = BackupCommand.CharsToQuote(args),
            PreserveNumericalIds = args.Has("preserve-numerical-ids"),
            UserMappingFile = args.Value("user-mapping-file") is string userMap ? OsArguments.Bytes(userMap) : null,
            GroupMappingFile = args.Value("group-mapping-file") is string groupMap ? OsArguments.Bytes(groupMap) : null,
            // --compression / --no-compression are accepted and change nothing: see RegressOptions.
            NotCompressedRegexp = args.Value("not-compressed-regexp"),
            AllowDuplicateTimestamps = args.Has("allow-duplicate-timestamps"),
        };
        RegressResult result = RegressEngine.Run(options, line => output.WriteLine($"NOTE: {line}"), line => error.WriteLine($"WARNING: {line}"));
        return (result.Warning ? ExitCodes.Warning : ExitCodes.Success) | (result.FileErrors > 0 ? ExitCodes.FileErrors : ExitCodes.Success);
    }
}
