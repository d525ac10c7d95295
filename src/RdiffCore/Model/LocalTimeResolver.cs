namespace RdiffCore.Model;

/// <summary>
/// Turns a local wall-clock time into an instant the way glibc's mktime does when the caller
/// leaves DST open (tm_isdst = -1), as Python's time.mktime does for rdiff-backup's asctime time
/// specs. The search starts from the guess "offset 0" (a fresh process) and repeatedly corrects
/// the guess by the difference between the wanted and the obtained wall clock. For a time that
/// occurs twice it therefore settles on whichever occurrence the search meets first; for a time
/// inside a spring-forward gap the search swings between two candidates, and glibc takes the one
/// reached from DST, which gives the wall time read with the offset that applied before the gap.
/// </summary>
internal static class LocalTimeResolver
{
    /// <summary>glibc gives up after this many conversions.</summary>
    private const int MaxProbes = 6;

    /// <summary>Month and day count from 1; seconds run to 61, and those past 59 are added after the search, as glibc does.</summary>
    public static bool TryResolve(TimeZoneInfo zone, int year, int month, int day, int hour, int minute, int second, out long epochSeconds)
    {
        epochSeconds = 0;
        int clampedSecond = Math.Clamp(second, 0, 59);
        long wanted = NaiveSeconds(year, month, day, hour, minute, clampedSecond);
        long t = wanted;
        long previous = t;      // glibc's t1: the probe before last
        long last = t;          // glibc's t2: the last probe
        bool lastWasDst = false;
        int probesLeft = MaxProbes;
        while (true)
        {
            if (!TryConvert(zone, t, out long wall, out bool isDst))
            {
                return false;
            }
            long error = wanted - wall;
            if (error == 0)
            {
                break;
            }
            // Swinging between two values: the wanted time is in a gap. Stop on the candidate
            // that is DST, or on this one when the previous was not DST either.
            if (t == previous && t != last && (!lastWasDst || isDst))
            {
                break;
            }
            if (--probesLeft == 0)
            {
                return false;
            }
            previous = last;
            last = t;
            t += error;
            lastWasDst = isDst;
        }
        epochSeconds = t + second - clampedSecond;
        return true;
    }

    /// <summary>Wall-clock fields counted as if they were UTC, in seconds since the epoch.</summary>
    private static long NaiveSeconds(int year, int month, int day, int hour, int minute, int second)
    {
        long days = new DateOnly(year, month, day).DayNumber - DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber;
        return (((((days * 24) + hour) * 60) + minute) * 60) + second;
    }

    private static bool TryConvert(TimeZoneInfo zone, long t, out long wall, out bool isDst)
    {
        wall = 0;
        isDst = false;
        if (t < DateTimeOffset.MinValue.ToUnixTimeSeconds() + 86400 || t > DateTimeOffset.MaxValue.ToUnixTimeSeconds() - 86400)
        {
            return false;
        }
        var instant = DateTimeOffset.FromUnixTimeSeconds(t);
        wall = t + (long)zone.GetUtcOffset(instant).TotalSeconds;
        isDst = zone.IsDaylightSavingTime(instant);
        return true;
    }
}
