using System.Globalization;
using System.Text.Json;
using RdiffCore.History;
using RdiffCore.Tests.Support;

namespace RdiffCore.Tests.History;

public sealed class TimeSpecTests
{
    private const long Reference = 1700180000;
    private static readonly long[] s_sessions = [1700000000, 1700086400, 1700172800];

    private static TimeZoneInfo Berlin => TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    // format.md §4.2, verified with ref=1700180000 and these three sessions (TZ=Europe/Berlin).
    [TestCase("now", Reference)]
    [TestCase("1700086400", 1700086400L)]
    [TestCase("3", 3L)]
    [TestCase("2023-11-15T23:13:20+01:00", 1700086400L)]
    [TestCase("2023-11-15T22:13:20Z", 1700086400L)]
    [TestCase("2023-11-15T23-13-20+01-00", 1700086400L)]
    [TestCase("2023-11-15T23:13:20", 1700086400L)]              // no zone: local (the suffix of now)
    [TestCase("0B", 1700172800L)]
    [TestCase("1B", 1700086400L)]
    [TestCase("2B", 1700000000L)]
    [TestCase("5B", 1700000000L)]
    [TestCase("99999999999999999999B", 1700000000L)]
    [TestCase("Wed Nov 15 23:13:21 2023", 1700086401L)]
    [TestCase("wed nov 15 23:13:21 2023", 1700086401L)]
    [TestCase("Wed  Nov  5 01:02:03   2023", 1699142523L)]
    [TestCase("3D", Reference - (3 * 86400))]
    [TestCase("2W5D", 1698538400L)]
    [TestCase("1h30m", 1700174600L)]
    [TestCase("3D64s", Reference - (3 * 86400) - 64)]
    [TestCase("1M", Reference - (30 * 86400))]
    [TestCase("10Y", Reference - (3650 * 86400))]
    [TestCase("2023-11-15", 1700002800L)]
    [TestCase("2023/11/15", 1700002800L)]
    [TestCase("11/15/2023", 1700002800L)]
    [TestCase("11-15-2023", 1700002800L)]
    [TestCase("2023-1/5", 1672873200L)]
    [TestCase("2023-02-31", 1677798000L)]                      // rdiff-backup's day check is 1..31
    public void Reads_every_documented_form(string spec, long expected)
    {
        Assert.That(TimeSpec.Parse(spec, Reference, s_sessions, Berlin), Is.EqualTo(expected));
    }

    [TestCase("1d")]
    [TestCase("3 days")]
    [TestCase("1900-01-01")]
    [TestCase("2100-01-01")]
    [TestCase("2023-13-01")]
    [TestCase("D")]
    [TestCase("1D2")]
    [TestCase("Wednesday Nov 15 23:13:21 2023")]
    [TestCase("Wed Nov 31 23:13:21 2023")]
    [TestCase("1970-01-01T00:00:00Z")]   // epoch 0 counts as "no result" in rdiff-backup
    [TestCase("")]
    [TestCase("B")]
    [TestCase(" 3D")]
    public void Rejects_what_rdiff_backup_rejects(string spec)
    {
        var error = Assert.Throws<TimeSpecException>(() => TimeSpec.Parse(spec, Reference, s_sessions, Berlin));
        Assert.That(error!.Message, Does.Contain($"\"{spec}\"").And.Contain("interval").And.Not.Contain("\n"));
    }

    [Test]
    public void Counting_sessions_needs_a_repository()
    {
        var error = Assert.Throws<TimeSpecException>(() => TimeSpec.Parse("1B", Reference, [], Berlin));
        Assert.That(error!.Message, Does.Contain("\"1B\""));
    }

    [Test]
    public void Local_forms_use_the_offset_at_now()
    {
        // In summer the suffix of "now" is +02:00, even for a winter date, as in rdiff-backup.
        long summer = 1690000000;
        Assert.That(TimeSpec.Parse("2023-11-15", summer, [], Berlin), Is.EqualTo(1700002800 - 3600));
    }

    [Test]
    public void Agrees_with_rdiff_backups_genstrtotime()
    {
        string[] zones = ["Europe/Berlin", "America/St_Johns", "UTC", "Australia/Lord_Howe", "Europe/Dublin", "America/New_York"];
        string[] specs =
        [
            "now", "1700086400", "2023-11-15T23:13:20+01:00", "2023-11-15T23:13:20", "2023-07-15T23:13:20", "2023-11-15T23-13-20",
            "0B", "1B", "2B", "7B", "Wed Nov 15 23:13:21 2023", "Sat Jul 15 12:00:00 2023", "Thu Jan  1 00:00:00 1970",
            "3D", "2W5D", "1h30m", "3D64s", "1M", "10Y", "1d", "3 days", "s", "1s", "0s",
            "2023-11-15", "2023/7/15", "11/15/2023", "7-4-2023", "1900-01-01", "2023-13-01", "2023-02-31", "2024-2-29",
            // Local times that occur twice or never (DST changes), resolved as glibc's mktime does.
            "Sun Mar 26 02:30:00 2023", "Sun Oct 29 02:30:00 2023", "Sun Oct 29 01:30:00 2023", "Sun Mar 12 02:30:00 2023",
            "Sun Nov  5 01:30:00 2023", "Sun Apr  2 01:45:00 2023", "Sun Oct  1 02:15:00 2023", "Sun Mar 26 01:30:00 2023",
            "Sun Oct 29 01:30:61 2023", "Mon Jan  1 00:00:00 1973",
        ];
        long now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var cases = zones.SelectMany(zone => specs.Select(spec => new { tz = zone, spec })).ToArray();
        // Each case runs in a fresh forked process: glibc's mktime remembers the last offset it found.
        string output = RdiffBackupOracle.RunPython(
            """
            import os, sys, json, time
            from rdiff_backup import Time
            data = json.load(sys.stdin)
            for case in data['cases']:
                r, w = os.pipe()
                pid = os.fork()
                if pid == 0:
                    os.close(r)
                    os.environ['TZ'] = case['tz']
                    time.tzset()
                    try:
                        out = str(int(Time.genstrtotime(case['spec'], ref_time=data['now'], session_times=data['sessions'])))
                    except Exception:
                        out = 'ERR'
                    os.write(w, out.encode())
                    os._exit(0)
                os.close(w)
                with os.fdopen(r) as pipe:
                    print(pipe.read())
                os.waitpid(pid, 0)
            """,
            JsonSerializer.Serialize(new { cases, now, sessions = s_sessions }));
        string[] expected = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.That(expected, Has.Length.EqualTo(cases.Length));
        for (int i = 0; i < cases.Length; i++)
        {
            string ours;
            try
            {
                ours = TimeSpec.Parse(cases[i].spec, now, s_sessions, TimeZoneInfo.FindSystemTimeZoneById(cases[i].tz)).ToString(CultureInfo.InvariantCulture);
            }
            catch (TimeSpecException)
            {
                ours = "ERR";
            }
            Assert.That(ours, Is.EqualTo(expected[i]), $"{cases[i].tz} \"{cases[i].spec}\"");
        }
    }
}
