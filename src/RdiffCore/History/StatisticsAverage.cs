using System.Globalization;
using System.Text;
using RdiffCore.Sessions;

namespace RdiffCore.History;

/// <summary>
/// `calculate --method average`: rdiff-backup's StatsObj.set_to_average over session_statistics
/// files and its log string. A field missing from any file is left out; start and end times are
/// never averaged; every average is a float printed as Python prints it.
/// </summary>
internal static class StatisticsAverage
{
    private static readonly string[] FileFields =
    [
        "SourceFiles", "SourceFileSize", "MirrorFiles", "MirrorFileSize", "NewFiles", "NewFileSize",
        "DeletedFiles", "DeletedFileSize", "ChangedFiles", "ChangedSourceSize", "ChangedMirrorSize",
        "IncrementFiles", "IncrementFileSize",
    ];

    private static readonly string[] KnownFields =
        ["Filename", "StartTime", "EndTime", "ElapsedTime", "Errors", "TotalDestinationSizeChange", .. FileFields];

    /// <summary>The fields of one file as rdiff-backup reads them; a <see cref="CorruptStatisticsException"/> on a bad line.</summary>
    public static Dictionary<string, double> Parse(string text, string source)
    {
        var fields = new Dictionary<string, double>();
        foreach (string line in text.Split('\n'))
        {
            if (line.Length == 0)
            {
                continue;
            }
            string[] tokens = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (tokens.Length < 2 || !KnownFields.Contains(tokens[0]) || !Model.PythonNumber.TryParseFloat(tokens[1], out double value))
            {
                throw new CorruptStatisticsException($"Bad line '{line}' in {source}; give session_statistics files");
            }
            fields[tokens[0]] = value;
        }
        return fields;
    }

    /// <summary>The text rdiff-backup prints: a titled header, the averaged lines, a footer of dashes.</summary>
    public static string Text(IReadOnlyList<Dictionary<string, double>> files)
    {
        double? Average(string field) =>
            files.All(f => f.ContainsKey(field)) ? files.Sum(f => f[field]) / files.Count : null;

        var body = new StringBuilder();
        if (Average("ElapsedTime") is double elapsed && elapsed != 0)
        {
            body.Append(CultureInfo.InvariantCulture, $"ElapsedTime {elapsed:F2} ({SessionStatistics.PrettyDuration(elapsed)})\n");
        }
        foreach (string field in FileFields)
        {
            if (Average(field) is double value)
            {
                body.Append(field.EndsWith("Size", StringComparison.Ordinal)
                    ? $"{field} {PythonFloat.Repr(value)} ({ByteSummary(value)})\n"
                    : $"{field} {PythonFloat.Repr(value)}\n");
            }
        }
        if (Average("NewFileSize") is double added && Average("ChangedSourceSize") is double changedSource
            && Average("IncrementFileSize") is double increments && Average("DeletedFileSize") is double deleted
            && Average("ChangedMirrorSize") is double changedMirror)
        {
            double change = added + changedSource + increments - (deleted + changedMirror);
            body.Append(CultureInfo.InvariantCulture, $"TotalDestinationSizeChange {PythonFloat.Repr(change)} ({ByteSummary(change)})\n");
        }
        if (Average("Errors") is double errors)
        {
            body.Append(CultureInfo.InvariantCulture, $"Errors {(long)Math.Truncate(errors)}\n");
        }
        string header = $"--------------[ Average of {files.Count} stat files ]--------------";
        return $"{header}\n{body}{new string('-', header.Length)}\n";
    }

    /// <summary>get_byte_summary_string of a float: scaled units from 1 KB, else whole bytes rounded half to even.</summary>
    private static string ByteSummary(double bytes)
    {
        string sign = bytes < 0 ? "-" : "";
        double magnitude = Math.Abs(bytes);
        if (magnitude >= 1024)
        {
            return Scaled(bytes);
        }
        double whole = Math.Round(magnitude, MidpointRounding.ToEven);
        return whole == 1 ? sign + "1 byte" : string.Create(CultureInfo.InvariantCulture, $"{sign}{whole:F0} bytes");
    }

    private static string Scaled(double bytes)
    {
        string sign = bytes < 0 ? "-" : "";
        double magnitude = Math.Abs(bytes);
        ReadOnlySpan<string> units = ["TB", "GB", "MB", "KB"];
        for (int i = 0; i < units.Length; i++)
        {
            double unit = Math.Pow(1024, units.Length - i);
            if (magnitude >= unit)
            {
                double count = magnitude / unit;
                string format = count >= 100 ? "F0" : count >= 10 ? "F1" : "F2";
                return $"{sign}{count.ToString(format, CultureInfo.InvariantCulture)} {units[i]}";
            }
        }
        return "";
    }
}
