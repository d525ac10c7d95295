using RdiffCore.Model;

namespace RdiffCore.History;

/// <summary>
/// rdiff-backup's time specs (format.md §4.2), tried in its order: "now"; epoch
/// seconds; a w3 datetime, with or without zone; a session count "nB"; an asctime string; an
/// interval before now such as "2W5D"; a plain date meaning local midnight. Where a form needs
/// the local zone's offset "now" (a datetime without zone, a plain date), rdiff-backup appends
/// the suffix it would write at that moment and parses the result, quirks included; so do we,
/// at <c>now</c>.
/// </summary>
internal static class TimeSpec
{
    private const string AcceptedForms =
        "use now, epoch seconds, a w3 datetime (2002-04-26T04:22:01-07:00, or without the zone for local time), "
        + "a session count (3B), an asctime string (Wed Nov 15 23:13:21 2023), an interval (3D64s, 2W5D, 1h30m; units s m h D W M Y) "
        + "or a date (2001-04-23, 2001/4/23, 4/23/2001: month before day)";

    /// <summary>
    /// The earliest and latest instants every zone can show as a date (a day inside .NET's years 1
    /// to 9999); the time code formats any time given, so a spec beyond them is refused here.
    /// </summary>
    internal const long Earliest = -62135596800 + 86400, Latest = 253402300799 - 86400;

    /// <summary>The epoch seconds <paramref name="spec"/> stands for; a <see cref="TimeSpecException"/> when it is none of the forms.</summary>
    /// <param name="spec">The text as given.</param>
    /// <param name="now">The reference time: the session time, or --current-time.</param>
    /// <param name="sessionTimes">The repository's session times, ascending; empty when there is no repository.</param>
    /// <param name="zone">The local zone.</param>
    public static long Parse(string spec, long now, IReadOnlyList<long> sessionTimes, TimeZoneInfo zone)
    {
        if (now is < Earliest or > Latest)
        {
            throw new TimeSpecException($"--current-time {now} is out of range; give a time between the years 1 and 9999.");
        }
        long time = ParseInRange(spec, now, sessionTimes, zone);
        return time is < Earliest or > Latest ? throw OutOfRange(spec) : time;
    }

    private static long ParseInRange(string spec, long now, IReadOnlyList<long> sessionTimes, TimeZoneInfo zone)
    {
        if (spec == "now")
        {
            return now;
        }
        if (IsDigits(spec))
        {
            return long.TryParse(spec, out long epoch) ? epoch : throw OutOfRange(spec);
        }
        string localSuffix = new WriterZone(zone, now).Suffix(now, compatible: false);
        // A result of 0 counts as failure: rdiff-backup tests the value for truth.
        if ((SessionTime.TryParse(spec, out long time) && time != 0)
            || (SessionTime.TryParse(spec + localSuffix, out time) && time != 0))
        {
            return time;
        }
        if (spec.Length > 1 && spec[^1] == 'B' && IsDigits(spec.AsSpan(0, spec.Length - 1)))
        {
            return SessionBack(spec, sessionTimes);
        }
        if (Asctime.TryParse(spec, zone, out time))
        {
            return time;
        }
        if (TryParseInterval(spec, out long seconds))
        {
            return now >= long.MinValue + seconds ? now - seconds : throw OutOfRange(spec);
        }
        if (TryPlainDate(spec, out string? midnight)
            && SessionTime.TryParse(midnight + localSuffix, out time))
        {
            return time;
        }
        throw new TimeSpecException($"Bad time string \"{spec}\": {AcceptedForms}.");
    }

    /// <summary>"nB": 0B is the newest session, 1B the one before; past the oldest gives the oldest.</summary>
    private static long SessionBack(string spec, IReadOnlyList<long> sessionTimes)
    {
        if (sessionTimes.Count == 0)
        {
            throw new TimeSpecException($"Time string \"{spec}\" counts sessions, but there is no repository to count in; give a time instead.");
        }
        bool fits = int.TryParse(spec.AsSpan(0, spec.Length - 1), out int back);
        return !fits || back >= sessionTimes.Count ? sessionTimes[0] : sessionTimes[sessionTimes.Count - 1 - back];
    }

    /// <summary>
    /// One or more "&lt;digits&gt;&lt;unit&gt;" groups covering the whole text, at least two
    /// characters; units are case-sensitive: s m h D W (7 days) M (30 days) Y (365 days).
    /// </summary>
    private static bool TryParseInterval(string text, out long seconds)
    {
        seconds = 0;
        if (text.Length < 2)
        {
            return false;
        }
        int position = 0;
        while (position < text.Length)
        {
            int start = position;
            while (position < text.Length && char.IsAsciiDigit(text[position]))
            {
                position++;
            }
            if (position == start || position == text.Length)
            {
                return false;
            }
            long unit = text[position] switch
            {
                's' => 1,
                'm' => 60,
                'h' => 3600,
                'D' => 86400,
                'W' => 7 * 86400,
                'M' => 30 * 86400,
                'Y' => 365 * 86400,
                _ => 0,
            };
            if (unit == 0)
            {
                return false;
            }
            if (!long.TryParse(text.AsSpan(start, position - start), out long count))
            {
                throw OutOfRange(text);
            }
            try
            {
                seconds = checked(seconds + (count * unit));
            }
            catch (OverflowException)
            {
                throw OutOfRange(text);
            }
            position++;
        }
        return true;
    }

    /// <summary>
    /// "YYYY[-/]M[-/]D" or "M[-/]D[-/]YYYY" (one or two digits for month and day) as the text
    /// "YYYY-MM-DDT00:00:00"; the date is checked only when that is parsed.
    /// </summary>
    private static bool TryPlainDate(string text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? midnight)
    {
        midnight = null;
        Span<Range> parts = stackalloc Range[4];
        ReadOnlySpan<char> span = text;
        if (span.SplitAny(parts, "-/") != 3)
        {
            return false;
        }
        ReadOnlySpan<char> first = span[parts[0]], second = span[parts[1]], third = span[parts[2]];
        bool yearFirst = first.Length == 4;
        ReadOnlySpan<char> year = yearFirst ? first : third;
        ReadOnlySpan<char> month = yearFirst ? second : first;
        ReadOnlySpan<char> day = yearFirst ? third : second;
        if (year.Length != 4 || month.Length is < 1 or > 2 || day.Length is < 1 or > 2
            || !IsDigits(year) || !IsDigits(month) || !IsDigits(day))
        {
            return false;
        }
        midnight = $"{year}-{month.ToString().PadLeft(2, '0')}-{day.ToString().PadLeft(2, '0')}T00:00:00";
        return true;
    }

    private static bool IsDigits(ReadOnlySpan<char> text) => !text.IsEmpty && !text.ContainsAnyExceptInRange('0', '9');

    private static TimeSpecException OutOfRange(string spec) =>
        new($"Time string \"{spec}\" is out of range; give a time between the years 1 and 9999.");
}
