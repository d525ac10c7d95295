using System.Globalization;
using System.Text;
using RdiffCore.Model;

namespace RdiffCore.Sessions;

/// <summary>
/// The totals of one backup session, kept in <c>session_statistics.&lt;T&gt;.data</c>
/// (format.md §1.11): one "Name value [(pretty)]" line per field, in rdiff-backup's
/// order and with its number formats, so the text is byte-identical to what it writes.
/// </summary>
internal sealed class SessionStatistics
{
    /// <summary>The session time (epoch seconds).</summary>
    public double StartTime { get; set; }

    /// <summary>The wall clock when the session ended.</summary>
    public double EndTime { get; set; }

    /// <summary>As read from a file; when null, <see cref="EndTime"/> − <see cref="StartTime"/>.</summary>
    public double? ElapsedTime { get; set; }

    public long SourceFiles { get; set; }

    public long SourceFileSize { get; set; }

    public long MirrorFiles { get; set; }

    public long MirrorFileSize { get; set; }

    public long NewFiles { get; set; }

    public long NewFileSize { get; set; }

    public long DeletedFiles { get; set; }

    public long DeletedFileSize { get; set; }

    public long ChangedFiles { get; set; }

    public long ChangedSourceSize { get; set; }

    public long ChangedMirrorSize { get; set; }

    public long IncrementFiles { get; set; }

    public long IncrementFileSize { get; set; }

    public long Errors { get; set; }

    /// <summary>How much the repository grew: new + changed source + increments − deleted − changed mirror.</summary>
    public long TotalDestinationSizeChange =>
        NewFileSize + ChangedSourceSize + IncrementFileSize - DeletedFileSize - ChangedMirrorSize;

    /// <summary>The file's text; times are shown in <paramref name="zone"/>'s local time.</summary>
    public string ToText(TimeZoneInfo zone)
    {
        double elapsed = ElapsedTime ?? (EndTime - StartTime);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"StartTime {StartTime:F2} ({Asctime.Format(StartTime, zone)})\n");
        text.Append(CultureInfo.InvariantCulture, $"EndTime {EndTime:F2} ({Asctime.Format(EndTime, zone)})\n");
        text.Append(CultureInfo.InvariantCulture, $"ElapsedTime {elapsed:F2} ({PrettyDuration(elapsed)})\n");
        AppendCount(text, "SourceFiles", SourceFiles);
        AppendSize(text, "SourceFileSize", SourceFileSize);
        AppendCount(text, "MirrorFiles", MirrorFiles);
        AppendSize(text, "MirrorFileSize", MirrorFileSize);
        AppendCount(text, "NewFiles", NewFiles);
        AppendSize(text, "NewFileSize", NewFileSize);
        AppendCount(text, "DeletedFiles", DeletedFiles);
        AppendSize(text, "DeletedFileSize", DeletedFileSize);
        AppendCount(text, "ChangedFiles", ChangedFiles);
        AppendSize(text, "ChangedSourceSize", ChangedSourceSize);
        AppendSize(text, "ChangedMirrorSize", ChangedMirrorSize);
        AppendCount(text, "IncrementFiles", IncrementFiles);
        AppendSize(text, "IncrementFileSize", IncrementFileSize);
        AppendSize(text, "TotalDestinationSizeChange", TotalDestinationSizeChange);
        AppendCount(text, "Errors", Errors);
        return text.ToString();
    }

    /// <summary>
    /// Reads the text as rdiff-backup does: each non-empty line split on whitespace, the first
    /// two tokens taken as name and number; any name in any order; unknown names, short lines
    /// and non-numbers are errors. TotalDestinationSizeChange is recomputed, not read.
    /// </summary>
    /// <param name="text">The file's contents.</param>
    /// <param name="source">Where the text came from, for the error message.</param>
    public static SessionStatistics Parse(string text, string source = "session statistics")
    {
        var statistics = new SessionStatistics();
        foreach (string line in text.Split('\n'))
        {
            if (line.Length == 0)
            {
                continue;
            }
            string[] tokens = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (tokens.Length < 2 || !PythonNumber.TryParseFloat(tokens[1], out double value) || !statistics.TrySet(tokens[0], tokens[1], value))
            {
                throw new CorruptStatisticsException($"Bad line '{line}' in {source}; the file is not rdiff-backup session statistics.");
            }
        }
        return statistics;
    }

    /// <summary>
    /// Python's byte summary: 1024-based KB, MB, GB, TB with three significant digits
    /// ("37.2 KB", "1.00 MB", "123 GB"), else "N bytes" or "1 byte"; negative sizes get a '-'.
    /// </summary>
    public static string PrettySize(long bytes)
    {
        string sign = bytes < 0 ? "-" : "";
        ulong magnitude = bytes < 0 ? 0 - (ulong)bytes : (ulong)bytes;
        ReadOnlySpan<string> units = ["TB", "GB", "MB", "KB"];
        for (int i = 0; i < units.Length; i++)
        {
            ulong unitBytes = 1UL << (10 * (units.Length - i));
            if (magnitude >= unitBytes)
            {
                double count = (double)magnitude / unitBytes;
                string format = count >= 100 ? "F0" : count >= 10 ? "F1" : "F2";
                return $"{sign}{count.ToString(format, CultureInfo.InvariantCulture)} {units[i]}";
            }
        }
        return magnitude == 1 ? sign + "1 byte" : string.Create(CultureInfo.InvariantCulture, $"{sign}{magnitude} bytes");
    }

    /// <summary>
    /// Python's "n hours n minutes n.nn seconds" for a float: zero parts are left out, "1 hour"
    /// and "1 minute" are singular, and seconds below one are dropped once hours or minutes are shown.
    /// </summary>
    public static string PrettyDuration(double seconds)
    {
        var parts = new List<string>();
        (double hours, seconds) = PythonDivMod(seconds, 3600);
        if (hours > 1)
        {
            parts.Add($"{hours.ToString("F0", CultureInfo.InvariantCulture)} hours");
        }
        else if (hours == 1)
        {
            parts.Add("1 hour");
        }
        (double minutes, seconds) = PythonDivMod(seconds, 60);
        if (minutes > 1)
        {
            parts.Add($"{minutes.ToString("F0", CultureInfo.InvariantCulture)} minutes");
        }
        else if (minutes == 1)
        {
            parts.Add("1 minute");
        }
        if (seconds == 1)
        {
            parts.Add("1 second");
        }
        else if (parts.Count == 0 || seconds > 1)
        {
            parts.Add($"{seconds.ToString("F2", CultureInfo.InvariantCulture)} seconds");
        }
        return string.Join(' ', parts);
    }

    /// <summary>Python's divmod on floats: a floored quotient and a remainder with the divisor's sign.</summary>
    private static (double Quotient, double Remainder) PythonDivMod(double value, double divisor)
    {
        double remainder = value % divisor;     // C's fmod, exact
        double quotient = (value - remainder) / divisor;
        if (remainder == 0)
        {
            remainder = Math.CopySign(0.0, divisor);
        }
        else if ((divisor < 0) != (remainder < 0))
        {
            remainder += divisor;
            quotient -= 1;
        }
        if (quotient == 0)
        {
            return (Math.CopySign(0.0, value / divisor), remainder);
        }
        // The quotient is within rounding of a whole number; snap it.
        double floored = Math.Floor(quotient);
        return (quotient - floored > 0.5 ? floored + 1 : floored, remainder);
    }

    private bool TrySet(string name, string token, double value)
    {
        // Python keeps "5" and "5.0" as numbers equal to 5; our counters take whole numbers only.
        bool integral = PythonNumber.TryParseInt(token, out long count);
        if (!integral && value == Math.Floor(value) && Math.Abs(value) < 9e18)
        {
            count = (long)value;
            integral = true;
        }
        switch (name)
        {
            case "StartTime": StartTime = value; return true;
            case "EndTime": EndTime = value; return true;
            case "ElapsedTime": ElapsedTime = value; return true;
            case "Filename" or "TotalDestinationSizeChange": return true;
            default: return integral && TrySetCount(name, count);
        }
    }

    private bool TrySetCount(string name, long count)
    {
        switch (name)
        {
            case "SourceFiles": SourceFiles = count; break;
            case "SourceFileSize": SourceFileSize = count; break;
            case "MirrorFiles": MirrorFiles = count; break;
            case "MirrorFileSize": MirrorFileSize = count; break;
            case "NewFiles": NewFiles = count; break;
            case "NewFileSize": NewFileSize = count; break;
            case "DeletedFiles": DeletedFiles = count; break;
            case "DeletedFileSize": DeletedFileSize = count; break;
            case "ChangedFiles": ChangedFiles = count; break;
            case "ChangedSourceSize": ChangedSourceSize = count; break;
            case "ChangedMirrorSize": ChangedMirrorSize = count; break;
            case "IncrementFiles": IncrementFiles = count; break;
            case "IncrementFileSize": IncrementFileSize = count; break;
            case "Errors": Errors = count; break;
            default: return false;
        }
        return true;
    }

    private static void AppendCount(StringBuilder text, string name, long value) =>
        text.Append(CultureInfo.InvariantCulture, $"{name} {value}\n");

    private static void AppendSize(StringBuilder text, string name, long value) =>
        text.Append(CultureInfo.InvariantCulture, $"{name} {value} ({PrettySize(value)})\n");
}
