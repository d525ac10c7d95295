using RdiffCore.Remote;

namespace RdiffCli.Commands;

/// <summary>The command that starts the far side of a remote location.</summary>
internal static class RemoteArguments
{
    /// <summary>--remote-schema (or the default built from --ssh-compression and --remote-tempdir), filled for <paramref name="location"/>.</summary>
    public static string Command(ParsedArguments args, Location location) =>
        RemoteSchema.Fill(args.Value("remote-schema") ?? RemoteSchema.Default(args.Switch("ssh-compression", false), args.Value("remote-tempdir")),
            location.Host!, Cli.Version);
}
