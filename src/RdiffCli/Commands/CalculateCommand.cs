using System.Text;
using RdiffCore;
using RdiffCore.History;

namespace RdiffCli.Commands;

/// <summary>`rdiffsharp calculate [--method average] FILES…` and `--calculate-average FILES…`.</summary>
internal static class CalculateCommand
{
    public static int Run(ParsedArguments args, TextWriter output)
    {
        if (args.Value("method") is string method && method != "average")
        {
            throw new UsageException($"calculate --method {method} is not a method; the one method is 'average'");
        }
        if (args.Locations.Count == 0)
        {
            throw new UsageException("calculate needs session_statistics files: rdiffsharp calculate --method average FILE…");
        }
        output.Write(RepositoryHistory.CalculateAverage([.. args.Locations.Select(OsArguments.Bytes)]) + "\n");
        return ExitCodes.Success;
    }
}
