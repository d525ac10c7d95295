using System.Reflection;

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
        switch (args[0])
        {
            case "-h" or "--help" or "help":
                output.Write(HelpText.Text);
                output.WriteLine(ExitCodes.Table);
                return ExitCodes.Success;
            case "-V" or "--version" or "version":
                output.WriteLine($"rdiffsharp {Version}");
                return ExitCodes.Success;
            default:
                error.WriteLine($"rdiffsharp: unknown command or option '{args[0]}'; see rdiffsharp --help");
                return ExitCodes.Usage;
        }
    }

    public static string Version =>
        typeof(Cli).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";
}
