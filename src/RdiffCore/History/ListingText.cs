using System.Globalization;
using System.Text;
using RdiffCore.Model;
using RdiffCore.Sessions;

namespace RdiffCore.History;

/// <summary>
/// The text rdiff-backup 2.2 prints for `list`, byte for byte: names decoded as Python's
/// decode(errors="replace") does (an invalid byte becomes U+FFFD), times as asctime in the local zone.
/// </summary>
internal static class ListingText
{
    /// <summary>A path as rdiff-backup prints it: "." for the root.</summary>
    public static string Path(RelPath path) => path.IsRoot ? "." : Encoding.UTF8.GetString(path.Bytes);

    /// <summary>"%-7s %s": the change word padded to seven columns, then the path.</summary>
    public static string Change(FileChange change) => $"{change.Change,-7} {Path(change.Path)}";

    /// <summary>`list increments`: a count, one line per increment, then the mirror.</summary>
    public static string Increments(IReadOnlyList<IncrementEntry> entries, TimeZoneInfo zone)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Found {entries.Count - 1} increments:\n");
        foreach (IncrementEntry entry in entries.Take(entries.Count - 1))
        {
            text.Append(CultureInfo.InvariantCulture, $"    {Encoding.UTF8.GetString(entry.FileName)}   {Asctime.Format(entry.Time, zone)}\n");
        }
        text.Append(CultureInfo.InvariantCulture, $"Current mirror: {Asctime.Format(entries[^1].Time, zone)}\n");
        return text.ToString();
    }

    /// <summary>`--parsable-output list increments` at API 200: "time type" lines; at 201 a YAML document.</summary>
    public static string ParsableIncrements(IReadOnlyList<IncrementEntry> entries, int apiVersion)
    {
        var text = new StringBuilder();
        if (apiVersion < 201)
        {
            foreach (IncrementEntry entry in entries)
            {
                text.Append(CultureInfo.InvariantCulture, $"{entry.Time} {entry.Type}\n");
            }
            return text.ToString();
        }
        text.Append("---\n");
        foreach (IncrementEntry entry in entries)
        {
            text.Append(CultureInfo.InvariantCulture, $"- base: {YamlScalar.Format(Encoding.UTF8.GetString(entry.FileName))}\n");
            text.Append(CultureInfo.InvariantCulture, $"  time: {entry.Time}\n");
            text.Append(CultureInfo.InvariantCulture, $"  type: {entry.Type}\n");
        }
        return text.Append("...\n\n").ToString();
    }

    /// <summary>`list increments --size`: a centred header, then time, size and running total per session.</summary>
    public static string Sizes(IReadOnlyList<IncrementSize> sizes, TimeZoneInfo zone)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{Center("Time", 24)} {Center("Size", 17)} {Center("Cumulative size", 17)}\n");
        text.Append(CultureInfo.InvariantCulture, $"{new string('-', 24)} {new string('-', 17)} {new string('-', 17)}\n");
        for (int i = 0; i < sizes.Count; i++)
        {
            IncrementSize size = sizes[i];
            text.Append(CultureInfo.InvariantCulture,
                $"{Asctime.Format(size.Time, zone),-24} {SessionStatistics.PrettySize(size.Size),17} {SessionStatistics.PrettySize(size.TotalSize),17}");
            text.Append(i == sizes.Count - 1 ? "  (current mirror)\n" : "\n");
        }
        return text.ToString();
    }

    /// <summary>`--parsable-output list increments --size`: PyYAML's safe_dump of the dicts, keys sorted.</summary>
    public static string ParsableSizes(IReadOnlyList<IncrementSize> sizes)
    {
        var text = new StringBuilder("---\n");
        foreach (IncrementSize size in sizes)
        {
            text.Append(CultureInfo.InvariantCulture, $"- size: {size.Size}\n  time: {size.Time}\n  total_size: {size.TotalSize}\n");
        }
        return text.Append("...\n\n").ToString();
    }

    /// <summary>Python's str.format centring: the odd space goes to the right.</summary>
    private static string Center(string text, int width)
    {
        int padding = Math.Max(0, width - text.Length);
        int left = padding / 2;
        return new string(' ', left) + text + new string(' ', padding - left);
    }
}
