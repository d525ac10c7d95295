using System.Runtime.InteropServices;
using RdiffCli.Commands;

namespace RdiffCli;

/// <summary>
/// The lines a command prints first at terminal verbosity 8 and up, as rdiff-backup logs its runtime
/// information at its debug level: our version, the .NET runtime, the system and the command line
/// as typed and as parsed, for a bug report.
/// </summary>
internal static class RuntimeInfo
{
    /// <summary>rdiff-backup's debug level.</summary>
    public const int Verbosity = 8;

    public static bool Wanted(ParsedArguments parsed) =>
        (parsed.Number("terminal-verbosity") ?? parsed.Number("verbosity") ?? 3) >= Verbosity;

    public static void Write(TextWriter output, IReadOnlyList<string> args, ParsedArguments parsed)
    {
        output.WriteLine($"DEBUG: rdiffsharp {Cli.Version} (repository format of rdiff-backup 2.2, API versions 200 to 201, default 200)");
        output.WriteLine($"DEBUG: runtime: {RuntimeInformation.FrameworkDescription}, {RuntimeInformation.ProcessArchitecture}; executable {Environment.ProcessPath}");
        output.WriteLine($"DEBUG: system: {InfoCommand.Platform()}; {RuntimeInformation.OSDescription}; file names are bytes, shown as UTF-8");
        output.WriteLine($"DEBUG: command line: rdiffsharp {string.Join(' ', args.Select(Quoted))}");
        string options = string.Join(", ", parsed.Sequence.Select(o => o.Value is null ? o.Name : $"{o.Name}={Quoted(o.Value)}"));
        output.WriteLine($"DEBUG: parsed: action {parsed.Action} ({(parsed.NewStyle ? "2.x" : "1.x")} style); options: {(options.Length > 0 ? options : "none")}; locations: {string.Join(' ', parsed.Locations.Select(Quoted))}");
    }

    private static string Quoted(string arg) =>
        arg.Length > 0 && arg.All(c => char.IsAsciiLetterOrDigit(c) || "-_=./:@,+%".Contains(c)) ? arg : "'" + arg.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
