using RdiffCore;
using RdiffCore.Remote;

namespace RdiffCli.Commands;

/// <summary>`rdiffsharp test SERVER::PATH...` and the 1.x `--test-server`: starts each far side and asks whether it can serve PATH.</summary>
internal static class TestCommand
{
    public static int Run(ParsedArguments args, TextWriter output, TextWriter error)
    {
        if (args.Locations.Count == 0)
        {
            throw new UsageException("test needs one or more SERVER::PATH locations");
        }
        var locations = args.Locations.Select(l => Location.Parse(OsArguments.Bytes(l))).ToList();
        if (locations.Any(l => !l.IsRemote))
        {
            throw new RdiffException($"all {locations.Count} locations must be remote, of the form 'server::path'");
        }
        int failed = 0;
        foreach (Location location in locations)
        {
            string command = RemoteArguments.Command(args, location);
            output.WriteLine($"Testing server started by: {command}");
            output.Flush();
            try
            {
                string version = ConnectionTest.Run(location, command);
                output.WriteLine($"- Server OK (rdiffsharp {version})");
            }
            catch (RdiffException e)
            {
                failed++;
                error.WriteLine($"- Server tests failed: {e.Message}");
            }
        }
        return failed == 0 ? ExitCodes.Success : ExitCodes.Fatal;
    }
}
