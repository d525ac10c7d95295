using System.Text;
using RdiffCore;
using RdiffCore.History;

namespace RdiffCli.Commands;

/// <summary>`rdiffsharp list increments [--size] DEST[/PATH]` and `list files [--at T | --changed-since T] DEST[/PATH]`, with the 1.x flags.</summary>
internal static class ListCommand
{
    public static int Run(ParsedArguments args, TextWriter output)
    {
        ActionOptions.Check(args);
        if (args.Locations.Count != 1)
        {
            throw new UsageException($"{args.Action} needs one repository path: rdiffsharp {args.Action} DEST[/PATH]");
        }
        byte[] path = OsArguments.LocalPath(args.Locations[0]);
        if (args.Action == "list increments")
        {
            bool sizes = args.Switch("size", false) || args.Has("list-increment-sizes");
            output.Write(RepositoryHistory.ListIncrements(path, sizes, args.Has("parsable-output"), BackupCommand.ApiVersion(args), TimeZoneInfo.Local));
            return ExitCodes.Success;
        }
        if (args.Action != "list files")
        {
            throw new UsageException($"'{args.Action}' is not an action; use 'list increments' or 'list files'");
        }
        string? changedSince = args.Value("changed-since") ?? args.Value("list-changed-since");
        string time = changedSince ?? args.Value("at") ?? args.Value("list-at-time") ?? "now";
        long now = args.Number("current-time") ?? DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        foreach (string line in RepositoryHistory.ListFiles(path, time, changedSince is not null, now, TimeZoneInfo.Local))
        {
            output.Write(line + "\n");
        }
        return ExitCodes.Success;
    }
}
