using System.Globalization;
using System.Text.RegularExpressions;

namespace RdiffCore.Model;

/// <summary>
/// C's asctime text, "Tue Nov 14 23:13:20 2023", in a zone's local time: written in session
/// statistics (format.md §1.11) and accepted as a time spec (§4.2). Reading follows
/// Python's time.strptime with its default format: English abbreviations in any case, runs of
/// whitespace between fields, one- or two-digit fields, and a real calendar date.
/// </summary>
internal static partial class Asctime
{
    private const string Days = "SunMonTueWedThuFriSat";
    private const string Months = "JanFebMarAprMayJunJulAugSepOctNovDec";

    /// <summary>Python's time.asctime(time.localtime(t)); fractions of a second are dropped (floor).</summary>
    public static string Format(double epochSeconds, TimeZoneInfo zone) => Format((long)Math.Floor(epochSeconds), zone);

    public static string Format(long epochSeconds, TimeZoneInfo zone)
    {
        DateTime wall = DateTime.UnixEpoch.AddTicks(
            (epochSeconds + (long)zone.GetUtcOffset(DateTimeOffset.FromUnixTimeSeconds(epochSeconds)).TotalSeconds) * TimeSpan.TicksPerSecond);
        // "%s %s%3d %.2d:%.2d:%.2d %d": the day of the month is padded with a space.
        return string.Create(CultureInfo.InvariantCulture,
            $"{Days.AsSpan(3 * (int)wall.DayOfWeek, 3)} {Months.AsSpan(3 * (wall.Month - 1), 3)}{wall.Day,3} {wall.Hour:00}:{wall.Minute:00}:{wall.Second:00} {wall.Year}");
    }

    /// <summary>time.mktime(time.strptime(text)): the local time resolved as glibc's mktime does.</summary>
    public static bool TryParse(string text, TimeZoneInfo zone, out long epochSeconds)
    {
        epochSeconds = 0;
        Match match = Pattern().Match(text);
        if (!match.Success)
        {
            return false;
        }
        int year = int.Parse(match.Groups["Y"].ValueSpan, CultureInfo.InvariantCulture);
        int month = MonthNumber(match.Groups["b"].ValueSpan);
        int day = int.Parse(match.Groups["d"].ValueSpan, NumberStyles.AllowLeadingWhite, CultureInfo.InvariantCulture);
        if (year < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;   // strptime builds a date and raises ValueError
        }
        return LocalTimeResolver.TryResolve(zone, year, month, day,
            int.Parse(match.Groups["H"].ValueSpan, CultureInfo.InvariantCulture),
            int.Parse(match.Groups["M"].ValueSpan, CultureInfo.InvariantCulture),
            int.Parse(match.Groups["S"].ValueSpan, CultureInfo.InvariantCulture),
            out epochSeconds);
    }

    private static int MonthNumber(ReadOnlySpan<char> name)
    {
        int month = 1;
        while (!Months.AsSpan(3 * (month - 1), 3).Equals(name, StringComparison.OrdinalIgnoreCase))
        {
            month++;
        }
        return month;
    }

    // The regular expression _strptime builds for "%a %b %d %H:%M:%S %Y" in the C locale; the
    // whole text must match.
    [GeneratedRegex(@"\A(?<a>mon|tue|wed|thu|fri|sat|sun)\s+(?<b>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\s+"
        + @"(?<d>3[01]|[12][0-9]|0[1-9]|[1-9]| [1-9])\s+(?<H>2[0-3]|[0-1][0-9]|[0-9]):(?<M>[0-5][0-9]|[0-9]):"
        + @"(?<S>6[0-1]|[0-5][0-9]|[0-9])\s+(?<Y>[0-9]{4})\z", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
