using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using RdiffCore.History;

namespace RdiffCli.Commands;

/// <summary>
/// `rdiffsharp info`: version and environment in the YAML layout rdiff-backup 2.2 prints, with our
/// name and versions where it prints its own (its "python" section is our runtime's). The API
/// version in use is "actual" (0 when --api-version is not given, as rdiff-backup prints it), next
/// to the default and the range supported.
/// </summary>
internal static class InfoCommand
{
    public static int Run(IReadOnlyList<string> argv, ParsedArguments args, TextWriter output)
    {
        long actual = args.Has("api-version") ? BackupCommand.ApiVersion(args) : 0;
        var text = new StringBuilder(string.Create(CultureInfo.InvariantCulture, $"---\nexec:\n  api_version:\n    actual: {actual}\n    default: 200\n    max: 201\n    min: 200\n  argv:\n"));
        text.Append(CultureInfo.InvariantCulture, $"  - {YamlScalar.Format(Environment.ProcessPath ?? "rdiffsharp")}\n");
        foreach (string arg in argv)
        {
            text.Append(CultureInfo.InvariantCulture, $"  - {YamlScalar.Format(arg)}\n");
        }
        text.Append(CultureInfo.InvariantCulture, $"  parsed: null\n  version: {Cli.Version}\n");
        text.Append(CultureInfo.InvariantCulture, $"runtime:\n  executable: {Environment.ProcessPath}\n  name: dotnet\n  version: {Environment.Version}\n");
        text.Append(CultureInfo.InvariantCulture, $"system:\n  fs_encoding: utf-8\n  platform: {Platform()}\n...\n");
        output.Write(text.ToString());
        return ExitCodes.Success;
    }

    // Python's platform.platform(): Linux-<kernel release>-<machine>-with-<libc><version>.
    internal static string Platform()
    {
        string release = File.Exists("/proc/sys/kernel/osrelease") ? File.ReadAllText("/proc/sys/kernel/osrelease").Trim() : Environment.OSVersion.Version.ToString();
        string machine = RuntimeInformation.OSArchitecture switch
        {
            Architecture.X64 => "x86_64",
            Architecture.Arm64 => "aarch64",
            Architecture other => other.ToString().ToLowerInvariant(),
        };
        return $"Linux-{release}-{machine}";
    }
}
