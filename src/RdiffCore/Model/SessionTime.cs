using System.Globalization;

namespace RdiffCore.Model;

/// <summary>
/// The timestamps in rdiff-backup's file names (format.md §1.2):
/// <c>YYYY-MM-DDTHH:MM:SS&lt;tz&gt;</c> in the writer's local time, or with every ':' replaced by
/// '-' in the compatible style. Writing and reading both follow rdiff-backup's formulas rather
/// than ISO 8601, because names must compare equal byte for byte and parse to the same epoch:
/// a -03:30 zone is written "-04:30" and read back correctly only by the matching parser.
/// </summary>
internal static class SessionTime
{
    /// <summary>Characters of the date and time part; the zone suffix follows.</summary>
    private const int DateTimeLength = 19;

    /// <summary>
    /// Whether a session at <paramref name="epochSeconds"/> gets a name that <see cref="TryParse(ReadOnlySpan{char}, out long)"/>
    /// reads back (years 1901 to 2099), in any zone: a day's margin at either end.
    /// </summary>
    public static bool CanName(long epochSeconds) => epochSeconds is > -2177452800 + 86400 and < 4102444800 - 86400;

    /// <summary>
    /// Formats an instant as a process running at that same instant would, which is how the
    /// session's own time is written.
    /// </summary>
    public static string Format(long epochSeconds, TimeZoneInfo zone, bool compatible) =>
        Format(epochSeconds, new WriterZone(zone, epochSeconds), compatible);

    /// <summary>
    /// Formats an instant as a process running at <paramref name="runTime"/> would, for earlier
    /// session times written during a later session (increment names); see <see cref="WriterZone"/>.
    /// </summary>
    public static string Format(long epochSeconds, TimeZoneInfo zone, bool compatible, long runTime) =>
        Format(epochSeconds, new WriterZone(zone, runTime), compatible);

    public static string Format(long epochSeconds, WriterZone zone, bool compatible)
    {
        DateTime wall = DateTime.UnixEpoch.AddTicks(zone.WallSeconds(epochSeconds) * TimeSpan.TicksPerSecond);
        string format = compatible ? "yyyy'-'MM'-'dd'T'HH'-'mm'-'ss" : "yyyy'-'MM'-'dd'T'HH':'mm':'ss";
        return wall.ToString(format, CultureInfo.InvariantCulture) + zone.Suffix(epochSeconds, compatible);
    }

    /// <summary>
    /// Reads a timestamp by rdiff-backup's formula: the first 19 characters split on 'T', ':'
    /// and '-' into year (1901..2099), month, day, hour, minute, second, taken as UTC; then the
    /// rest, "Z" or exactly six characters like "+01:00" or "-04-30", subtracts
    /// 60 × (60 × int(s[0..3]) + int(s[4..6])) seconds.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> text, out long epochSeconds)
    {
        epochSeconds = 0;
        if (text.Length <= DateTimeLength || !TryParseZone(text[DateTimeLength..], out long correction))
        {
            return false;
        }
        Span<long> fields = stackalloc long[6];
        ReadOnlySpan<char> rest = text[..DateTimeLength];
        for (int i = 0; i < fields.Length; i++)
        {
            int separator = rest.IndexOfAny("T:-");
            bool last = i == fields.Length - 1;
            if ((separator < 0) != last)
            {
                return false;   // not exactly six fields
            }
            if (!PythonNumber.TryParseInt(last ? rest : rest[..separator], out fields[i]))
            {
                return false;
            }
            rest = last ? default : rest[(separator + 1)..];
        }
        (long year, long month, long day, long hour, long minute, long second) = (fields[0], fields[1], fields[2], fields[3], fields[4], fields[5]);
        if (year is <= 1900 or >= 2100 || month is < 1 or > 12 || day is < 1 or > 31
            || hour is < 0 or > 23 || minute is < 0 or > 59 || second is < 0 or > 61)
        {
            return false;
        }
        // Like calendar.timegm: the day is added to the first of the month, so 31 February is 3 March.
        long days = new DateOnly((int)year, (int)month, 1).DayNumber - DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber + day - 1;
        epochSeconds = (((((days * 24) + hour) * 60) + minute) * 60) + second + correction;
        return true;
    }

    /// <summary>The same, on the bytes of a file name; like rdiff-backup, anything not ASCII fails.</summary>
    public static bool TryParse(ReadOnlySpan<byte> text, out long epochSeconds)
    {
        epochSeconds = 0;
        if (text.Length > DateTimeLength + 6 || !System.Text.Ascii.IsValid(text))
        {
            return false;   // every valid timestamp has 20 or 25 characters
        }
        Span<char> chars = stackalloc char[text.Length];
        System.Text.Ascii.ToUtf16(text, chars, out _);
        return TryParse(chars, out epochSeconds);
    }

    /// <summary>The seconds to add for the zone suffix; false where rdiff-backup's parser raises.</summary>
    private static bool TryParseZone(ReadOnlySpan<char> zone, out long correction)
    {
        correction = 0;
        if (zone is "Z")
        {
            return true;
        }
        if (zone.Length != 6 || zone[0] is not ('+' or '-') || zone[3] is not (':' or '-'))
        {
            return false;
        }
        if (!PythonNumber.TryParseInt(zone[..3], out long hours) || !PythonNumber.TryParseInt(zone[4..], out long minutes))
        {
            return false;
        }
        correction = -60 * ((60 * hours) + minutes);
        return true;
    }
}
