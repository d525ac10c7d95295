using System.Text.RegularExpressions;
using RdiffCore.Model;

namespace RdiffCore.History;

/// <summary>rdiff-backup's time specifications (§4.2).</summary>
internal static partial class TimeSpec
{
    public static long Parse(string spec, long now, IReadOnlyList<long> sessionTimes, TimeZoneInfo zone)
    {
        if (spec == "now")
        {
            return now;
        }
        if (EpochPattern().IsMatch(spec))
        {
            return long.Parse(spec, System.Globalization.CultureInfo.InvariantCulture);
        }
        if (SessionTime.TryParse(spec, out long parsed))
        {
            return parsed;
        }
        if (SessionsBackPattern().Match(spec) is { Success: true } back)
        {
            if (sessionTimes.Count == 0)
            {
                throw new TimeSpecException($"'{spec}' counts backups, but there are none here");
            }
            int n = (int)Math.Min(int.MaxValue, long.Parse(back.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
            return sessionTimes[Math.Max(0, sessionTimes.Count - 1 - n)];
        }
        if (spec.Length >= 2 && IntervalPattern().IsMatch(spec))
        {
            long total = 0;
            foreach (Match part in IntervalPartPattern().Matches(spec))
            {
                long count = long.Parse(part.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
                total += count * part.Groups[2].Value switch
                {
                    "s" => 1, "m" => 60, "h" => 3600, "D" => 86400, "W" => 7 * 86400, "M" => 30 * 86400, _ => 365 * 86400,
                };
            }
            return now - total;
        }
        throw new TimeSpecException(
            $"'{spec}' is not a time rdiffsharp understands; use now, epoch seconds, 2023-11-15, 2023-11-15T23:13:20+01:00, an age like 3D or 1h30m, or a backup count like 2B");
    }

    [GeneratedRegex("^[0-9]+$")]
    private static partial Regex EpochPattern();

    [GeneratedRegex("^([0-9]+)B$")]
    private static partial Regex SessionsBackPattern();

    [GeneratedRegex("^([0-9]+[smhDWMY])+$")]
    private static partial Regex IntervalPattern();

    [GeneratedRegex("([0-9]+)([smhDWMY])")]
    private static partial Regex IntervalPartPattern();
}
