using System.Reflection;
using RdiffCli.Commands;
using RdiffCore;
using RdiffCore.History;

namespace RdiffCli;

/// <summary>The command line: parses the arguments, runs one command, maps the outcome to an exit code.</summary>
internal static class Cli
{
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        if (args.Length == 0)
        {
            error.WriteLine("rdiffsharp: no command given; see rdiffsharp --help");
            return ExitCodes.Usage;
        }
        if (args.Any(a => a is "-h" or "--help") || args[0] == "help")
        {
            output.Write(HelpText.Text);
            output.WriteLine(ExitCodes.Table);
            return ExitCodes.Success;
        }
        if (args.Any(a => a is "-V" or "--version") || args[0] == "version")
        {
            output.WriteLine($"rdiffsharp {Version}");
            return ExitCodes.Success;
        }
        try
        {
            ParsedArguments parsed = ArgumentParser.Parse(args);
            return parsed.Action switch
            {
                "backup" => BackupCommand.Run(parsed, output, error),
                "restore" => RestoreCommand.Run(parsed, output, error),
                "list increments" or "list files" => ListCommand.Run(parsed, output),
                "calculate" => CalculateCommand.Run(parsed, output),
                "verify" => VerifyCommand.Run(parsed, output, error),
                "compare" => CompareCommand.Run(parsed, output, error),
                "status" => StatusCommand.Run(parsed, output),
                "info" => InfoCommand.Run(args, output),
                "regress" => RegressCommand.Run(parsed, output, error),
                "remove increments" => RemoveCommand.Run(parsed, output, error),
                _ => throw new UsageException($"'{parsed.Action}' is not supported by this version of rdiffsharp yet; see rdiffsharp --help"),
            };
        }
        catch (Exception e) when (e is UsageException or TimeSpecException)
        {
            error.WriteLine($"rdiffsharp: {e.Message}");
            return ExitCodes.Usage;
        }
        catch (RdiffException e)
        {
            error.WriteLine($"rdiffsharp: {e.Message}");
            return ExitCodes.Fatal;
        }
        catch (IOException e)
        {
            // A full disk or a failing device while a file was written: the repository stays regressable.
            error.WriteLine($"rdiffsharp: {e.Message}; the backup stopped, free space or fix the device, then run 'rdiff-backup --check-destination-dir' on the repository");
            return ExitCodes.Fatal;
        }
    }

    public static string Version =>
        typeof(Cli).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";
}
