using System.Globalization;
using System.Text;

namespace RdiffCore.Sessions;

/// <summary>The counters of session_statistics (§1.11) and their exact text.</summary>
internal sealed class SessionStatistics
{
    public double StartTime { get; set; }

    public double EndTime { get; set; }

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

    public long TotalDestinationSizeChange => NewFileSize + ChangedSourceSize + IncrementFileSize - DeletedFileSize - ChangedMirrorSize;

    public string ToText(TimeZoneInfo zone)
    {
        CultureInfo c = CultureInfo.InvariantCulture;
        double elapsed = EndTime - StartTime;
        var text = new StringBuilder();
        text.Append(c, $"StartTime {StartTime:F2} ({AscTime(StartTime, zone)})\n");
        text.Append(c, $"EndTime {EndTime:F2} ({AscTime(EndTime, zone)})\n");
        text.Append(c, $"ElapsedTime {elapsed:F2} ({Elapsed(elapsed)})\n");
        Size(text, "SourceFiles", SourceFiles, false);
        Size(text, "SourceFileSize", SourceFileSize, true);
        Size(text, "MirrorFiles", MirrorFiles, false);
        Size(text, "MirrorFileSize", MirrorFileSize, true);
        Size(text, "NewFiles", NewFiles, false);
        Size(text, "NewFileSize", NewFileSize, true);
        Size(text, "DeletedFiles", DeletedFiles, false);
        Size(text, "DeletedFileSize", DeletedFileSize, true);
        Size(text, "ChangedFiles", ChangedFiles, false);
        Size(text, "ChangedSourceSize", ChangedSourceSize, true);
        Size(text, "ChangedMirrorSize", ChangedMirrorSize, true);
        Size(text, "IncrementFiles", IncrementFiles, false);
        Size(text, "IncrementFileSize", IncrementFileSize, true);
        Size(text, "TotalDestinationSizeChange", TotalDestinationSizeChange, true);
        Size(text, "Errors", Errors, false);
        return text.ToString();
    }

    public static string PrettySize(long bytes)
    {
        if (bytes == 1)
        {
            return "1 byte";
        }
        if (Math.Abs(bytes) < 1024)
        {
            return $"{bytes} bytes";
        }
        string[] units = ["KB", "MB", "GB", "TB"];
        double value = bytes;
        int unit = -1;
        while (Math.Abs(value) >= 1024 && unit < units.Length - 1)
        {
            value /= 1024;
            unit++;
        }
        int decimals = Math.Abs(value) >= 100 ? 0 : Math.Abs(value) >= 10 ? 1 : 2;
        return value.ToString("F" + decimals, CultureInfo.InvariantCulture) + " " + units[unit];
    }

    private static void Size(StringBuilder text, string name, long value, bool pretty) =>
        text.Append(pretty ? $"{name} {value} ({PrettySize(value)})\n" : $"{name} {value}\n");

    private static string AscTime(double epoch, TimeZoneInfo zone)
    {
        DateTime local = TimeZoneInfo.ConvertTime(DateTimeOffset.FromUnixTimeMilliseconds((long)(epoch * 1000)), zone).DateTime;
        return local.ToString("ddd MMM ", CultureInfo.InvariantCulture) + local.Day.ToString(CultureInfo.InvariantCulture).PadLeft(2)
            + local.ToString(" HH:mm:ss yyyy", CultureInfo.InvariantCulture);
    }

    private static string Elapsed(double seconds)
    {
        long hours = (long)(seconds / 3600);
        seconds -= hours * 3600;
        long minutes = (long)(seconds / 60);
        seconds -= minutes * 60;
        var parts = new List<string>();
        if (hours > 0)
        {
            parts.Add($"{hours} hour{(hours == 1 ? "" : "s")}");
        }
        if (minutes > 0)
        {
            parts.Add($"{minutes} minute{(minutes == 1 ? "" : "s")}");
        }
        parts.Add(string.Create(CultureInfo.InvariantCulture, $"{seconds:F2} seconds"));
        return string.Join(' ', parts);
    }
}
