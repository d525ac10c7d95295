namespace RdiffCore.Model;

/// <summary>
/// The local zone as rdiff-backup's Python process sees it when it writes a timestamp suffix.
/// Wall-clock times use the zone's real offset at each instant (glibc's localtime). The suffix
/// does not: Python fixes time.timezone, time.altzone and time.daylight once, from the offsets
/// on about 1 January and 2 July of the year the process runs in, and rdiff-backup then picks
/// altzone when daylight is set and the instant is flagged DST, timezone otherwise. Where an
/// instant's real offset is neither of those two (Europe/Dublin's negative DST, zones that
/// changed their rules) the suffix is wrong, and rdiff-backup's names are wrong in exactly that
/// way; names are only read back through <see cref="SessionTime.TryParse(ReadOnlySpan{char}, out long)"/>,
/// so the epoch stored is what that formula gives.
/// </summary>
internal readonly struct WriterZone
{
    /// <summary>CPython's "year" for the probe: 365.25 days, so the probes drift a few hours around 1 January and 2 July.</summary>
    private const long ProbeYear = ((365 * 24) + 6) * 3600;

    private readonly TimeZoneInfo _zone;

    /// <summary>Seconds east of UTC of standard time and of DST (Python's -timezone and -altzone).</summary>
    private readonly int _standardOffset;
    private readonly int _daylightOffset;
    private readonly bool _daylight;

    /// <param name="zone">The zone the writer runs in (TZ).</param>
    /// <param name="runTime">When the writing process runs (epoch seconds); only its year matters.</param>
    public WriterZone(TimeZoneInfo zone, long runTime)
    {
        _zone = zone;
        long january = runTime / ProbeYear * ProbeYear;
        int januaryOffset = RealOffset(zone, january);
        int julyOffset = RealOffset(zone, january + (ProbeYear / 2));
        // The larger offset east is DST, so the southern hemisphere comes out right too.
        _standardOffset = Math.Min(januaryOffset, julyOffset);
        _daylightOffset = Math.Max(januaryOffset, julyOffset);
        _daylight = januaryOffset != julyOffset;
    }

    public TimeZoneInfo Zone => _zone;

    /// <summary>The zone's real offset east of UTC at an instant, in seconds.</summary>
    public int OffsetAt(long epochSeconds) => RealOffset(_zone, epochSeconds);

    /// <summary>The offset east of UTC, in seconds, that the suffix of <paramref name="epochSeconds"/> states.</summary>
    public int SuffixOffsetAt(long epochSeconds) =>
        _daylight && _zone.IsDaylightSavingTime(DateTimeOffset.FromUnixTimeSeconds(epochSeconds)) ? _daylightOffset : _standardOffset;

    /// <summary>
    /// "Z", or sign, hours and minutes of the suffix offset with ':' (or '-' when compatible)
    /// between them. Hours and minutes are the absolute values of Python's floor division, so
    /// -03:30 is written "-04:30"; the parser's formula undoes exactly that.
    /// </summary>
    public string Suffix(long epochSeconds, bool compatible)
    {
        int offset = SuffixOffsetAt(epochSeconds);
        if (offset == 0)
        {
            return "Z";
        }
        int hours = (int)Math.Floor(offset / 3600.0);
        int minutes = (offset - (hours * 3600)) / 60;
        char sign = offset > 0 ? '+' : '-';
        char separator = compatible ? '-' : ':';
        return FormattableString.Invariant($"{sign}{Math.Abs(hours):00}{separator}{minutes:00}");
    }

    /// <summary>Local wall-clock time of an instant, as seconds counted like epoch seconds (glibc's localtime).</summary>
    public long WallSeconds(long epochSeconds) => epochSeconds + OffsetAt(epochSeconds);

    private static int RealOffset(TimeZoneInfo zone, long epochSeconds) =>
        (int)zone.GetUtcOffset(DateTimeOffset.FromUnixTimeSeconds(epochSeconds)).TotalSeconds;
}
