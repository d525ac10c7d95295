using RdiffCore;
using RdiffCore.Remote;

namespace RdiffCli.Commands;

/// <summary>
/// `rdiffsharp server [--restrict-path DIR] [--restrict-mode MODE]` and the 1.x `--server` with
/// `--restrict`, `--restrict-read-only` or `--restrict-update-only DIR`: serves one client on
/// standard input and output. Nothing else may be written to standard output.
/// </summary>
internal static class ServerCommand
{
    public static int Run(ParsedArguments args)
    {
        if (args.Locations.Count != 0)
        {
            throw new UsageException("server takes no locations: it serves the client that started it (with --restrict-path DIR to serve only beneath DIR)");
        }
        ServerRestriction restriction = Restriction(args);
        using Stream input = Console.OpenStandardInput();
        using Stream output = Console.OpenStandardOutput();
        RemoteServer.Serve(input, output, restriction, Cli.Version, RemoteActionCommand.Serve, BackupCommand.TempDirectory(args));
        return ExitCodes.Success;
    }

    private static ServerRestriction Restriction(ParsedArguments args)
    {
        (string? directory, RestrictMode mode) =
            args.Value("restrict-read-only") is string readOnly ? (readOnly, RestrictMode.ReadOnly)
            : args.Value("restrict-update-only") is string updateOnly ? (updateOnly, RestrictMode.UpdateOnly)
            : (args.Value("restrict-path") ?? args.Value("restrict"), Mode(args.Value("restrict-mode")));
        return ServerRestriction.Create(OsArguments.Bytes(directory ?? "/"), mode);
    }

    private static RestrictMode Mode(string? value) => value switch
    {
        null or "read-write" => RestrictMode.ReadWrite,
        "read-only" => RestrictMode.ReadOnly,
        "update-only" => RestrictMode.UpdateOnly,
        _ => throw new UsageException($"--restrict-mode '{value}' is not one of read-write, read-only, update-only"),
    };
}
