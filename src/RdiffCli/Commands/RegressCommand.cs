using System.Text;
using RdiffCore;
using RdiffCore.Regress;

namespace RdiffCli.Commands;

/// <summary>`rdiffsharp regress REPO` and `rdiffsharp --check-destination-dir REPO`.</summary>
internal static class RegressCommand
{
    public static int Run(ParsedArguments args, TextWriter output, TextWriter error)
    {
        if (args.Locations.Count != 1)
        {
            throw new UsageException("regress needs one repository: rdiffsharp regress REPO");
        }
        var options = new RegressOptions
        {
            Repository = Encoding.UTF8.GetBytes(args.Locations[0]),
            Force = args.Has("force"),
            ApiVersion = BackupCommand.ApiVersion(args),
            Fsync = args.Switch("fsync", true),
            CharsToQuote = BackupCommand.CharsToQuote(args),
        };
        RegressResult result = RegressEngine.Run(options, line => output.WriteLine($"NOTE: {line}"), line => error.WriteLine($"WARNING: {line}"));
        return (result.Warning ? ExitCodes.Warning : ExitCodes.Success) | (result.FileErrors > 0 ? ExitCodes.FileErrors : ExitCodes.Success);
    }
}
