using System.Globalization;
using System.Text;
using RdiffCore;
using RdiffCore.History;

namespace RdiffCli.Commands;

/// <summary>
/// `rdiffsharp status DEST [--parsable-output]`: the last backup's outcome for people and monitors.
/// The exit code alerts: 0 finished cleanly, 4 finished with file errors, 8 interrupted.
/// </summary>
internal static class StatusCommand
{
    public static int Run(ParsedArguments args, TextWriter output)
    {
        if (args.Locations.Count != 1)
        {
            throw new UsageException("status needs one repository: rdiffsharp status DEST");
        }
        RepositoryStatus status = RepositoryStatus.Read(OsArguments.LocalPath(args.Locations[0]));
        output.Write(args.Has("parsable-output") ? Parsable(status) : Plain(status));
        return status.Interrupted ? ExitCodes.Interrupted : status.FileErrors > 0 ? ExitCodes.FileErrors : ExitCodes.Success;
    }

    private static string Plain(RepositoryStatus s)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Repository: {s.Repository}\n");
        text.Append(s.Interrupted
            ? $"Last backup: interrupted{(s.InterruptedAt is long at ? $" (started {Time(at)})" : "")}; the next backup regresses it first, or run: rdiffsharp regress {s.Repository}\n"
            : "Last backup: finished\n");
        if (s.LastFinished is long finished)
        {
            text.Append(CultureInfo.InvariantCulture, $"Last finished backup: {Time(finished)}\n");
        }
        if (s.Seconds is double seconds)
        {
            text.Append(CultureInfo.InvariantCulture, $"Duration: {seconds:0.##} seconds\n");
        }
        if (s.FileErrors is long errors)
        {
            text.Append(CultureInfo.InvariantCulture, $"Files with errors: {errors}\n");
        }
        text.Append(CultureInfo.InvariantCulture, $"Backups: {s.Sessions}{(s.Oldest is long oldest ? $", the oldest {Time(oldest)}" : "")}\n");
        return text.ToString();
    }

    // One "key: value" per line between YAML document markers, as rdiff-backup's --parsable-output.
    private static string Parsable(RepositoryStatus s)
    {
        var text = new StringBuilder("---\n");
        text.Append(CultureInfo.InvariantCulture, $"repository: '{s.Repository.Replace("'", "''", StringComparison.Ordinal)}'\n");
        text.Append(CultureInfo.InvariantCulture, $"state: {(s.Interrupted ? "interrupted" : "finished")}\n");
        text.Append(CultureInfo.InvariantCulture, $"last_finished: {Number(s.LastFinished)}\n");
        text.Append(CultureInfo.InvariantCulture, $"interrupted_at: {Number(s.InterruptedAt)}\n");
        text.Append(CultureInfo.InvariantCulture, $"duration_seconds: {(s.Seconds is double d ? d.ToString("0.###", CultureInfo.InvariantCulture) : "null")}\n");
        text.Append(CultureInfo.InvariantCulture, $"file_errors: {Number(s.FileErrors)}\n");
        text.Append(CultureInfo.InvariantCulture, $"backups: {s.Sessions}\n");
        text.Append(CultureInfo.InvariantCulture, $"oldest: {Number(s.Oldest)}\n");
        return text.Append("...\n").ToString();
    }

    private static string Number(long? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "null";

    private static string Time(long seconds) =>
        DateTimeOffset.FromUnixTimeSeconds(seconds).ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture);
}
