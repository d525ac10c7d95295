using System.Text;
using System.Text.Json;
using RdiffCore.Model;
using RdiffCore.Tests.Support;

namespace RdiffCore.Tests.Model;

public sealed class SessionTimeTests
{
    private static TimeZoneInfo Zone(string id) => TimeZoneInfo.FindSystemTimeZoneById(id);

    // The verified examples of format.md §1.2, plus zones with odd offsets.
    [TestCase("Europe/Berlin", 1700000000L, false, "2023-11-14T23:13:20+01:00")]
    [TestCase("Europe/Berlin", 1690000000L, false, "2023-07-22T06:26:40+02:00")]
    [TestCase("UTC", 1700000000L, false, "2023-11-14T22:13:20Z")]
    [TestCase("UTC", 1700000000L, true, "2023-11-14T22-13-20Z")]
    [TestCase("America/St_Johns", 1700000000L, false, "2023-11-14T18:43:20-04:30")]
    [TestCase("America/St_Johns", 1700000000L, true, "2023-11-14T18-43-20-04-30")]
    [TestCase("America/St_Johns", 1690000000L, false, "2023-07-22T01:56:40-03:30")]
    [TestCase("Pacific/Marquesas", 1700000000L, false, "2023-11-14T12:43:20-10:30")]
    [TestCase("Asia/Kolkata", 1700000000L, false, "2023-11-15T03:43:20+05:30")]
    [TestCase("Australia/Lord_Howe", 1700000000L, false, "2023-11-15T09:13:20+11:00")]
    [TestCase("Europe/Dublin", 1700000000L, false, "2023-11-14T22:13:20+01:00")]   // rdiff-backup's bug: GMT labelled +01:00
    public void Formats_as_rdiff_backup_writes(string zone, long epoch, bool compatible, string expected)
    {
        Assert.That(SessionTime.Format(epoch, Zone(zone), compatible), Is.EqualTo(expected));
    }

    [TestCase("Europe/Berlin")]
    [TestCase("UTC")]
    [TestCase("America/St_Johns")]
    [TestCase("Pacific/Marquesas")]
    [TestCase("Asia/Kolkata")]
    [TestCase("Pacific/Chatham")]
    public void Round_trips_in_both_styles(string zone)
    {
        foreach (long epoch in new[] { 1700000000L, 1690000000L, 946684800L, 4102444799L - 86400 })
        {
            foreach (bool compatible in new[] { false, true })
            {
                string text = SessionTime.Format(epoch, Zone(zone), compatible);
                Assert.That(SessionTime.TryParse(text, out long parsed), Is.True, text);
                Assert.That(parsed, Is.EqualTo(epoch), text);
            }
        }
    }

    [TestCase("2023-11-14T23:13:20+01:00", 1700000000L)]
    [TestCase("2023-11-14T22:13:20Z", 1700000000L)]
    [TestCase("2023-11-14T18-43-20-04-30", 1700000000L)]
    [TestCase("2023-11-14T18:43:20-04:30", 1700000000L)]
    [TestCase("2023-11-14T18:43:20-03:30", 1699996400L)]        // a "correct" -03:30 reads 3600 s off
    [TestCase("2023-11-14T23-13:20+01-00", 1700000000L)]        // mixed separators
    [TestCase("2023-02-31T00:00:00Z", 1677801600L)]             // 31 February is 3 March
    [TestCase("2023-11-14T22:13:61Z", 1700000041L)]             // leap seconds up to 61
    [TestCase("2023-11-14T22:13:20+00:-1", 1700000060L)]        // int("-1") in the minutes
    [TestCase("2_023-11-14T2:13:20Z", 1699928000L)]             // int() takes underscores
    [TestCase("1901-01-01T00:00:00Z", -2177452800L)]
    [TestCase("2099-12-31T23:59:59Z", 4102444799L)]
    public void Parses_by_rdiff_backups_formula(string text, long expected)
    {
        Assert.That(SessionTime.TryParse(text, out long epoch), Is.True);
        Assert.That(epoch, Is.EqualTo(expected));
        Assert.That(SessionTime.TryParse(Encoding.ASCII.GetBytes(text), out long fromBytes), Is.True);
        Assert.That(fromBytes, Is.EqualTo(expected));
    }

    [TestCase("2023-11-14T23:13:20")]           // no zone
    [TestCase("2023-11-14T23:13:20z")]
    [TestCase("2023-11-14T23:13:20+0100")]
    [TestCase("2023-11-14T23:13:20+01:00:00")]
    [TestCase("2023-11-14T23:13:20+01/00")]
    [TestCase("2023-11-14 23:13:20Z")]
    [TestCase("1900-11-14T23:13:20Z")]
    [TestCase("2100-01-01T00:00:00Z")]
    [TestCase("2023-13-14T23:13:20Z")]
    [TestCase("2023-11-32T23:13:20Z")]
    [TestCase("2023-11-14T24:13:20Z")]
    [TestCase("2023-11-14T23:60:20Z")]
    [TestCase("2023-11-14T23:13:62Z")]
    [TestCase("2023-11-14T23:13:2Z")]
    [TestCase("Z")]
    [TestCase("")]
    public void Rejects_what_rdiff_backup_rejects(string text)
    {
        Assert.That(SessionTime.TryParse(text, out _), Is.False);
        Assert.That(SessionTime.TryParse(Encoding.ASCII.GetBytes(text), out _), Is.False);
    }

    [Test]
    public void Name_bytes_that_are_not_ASCII_do_not_parse()
    {
        byte[] text = Encoding.UTF8.GetBytes("2023-11-14T22:13:20Z");
        text[0] = 0xd9;
        Assert.That(SessionTime.TryParse(text, out _), Is.False);
    }

    [Test]
    public void Parsing_agrees_with_rdiff_backups_stringtotime()
    {
        string[] texts =
        [
            "2023-11-14T23:13:20+01:00", "2023-11-14T23:13:20-01:30", "2023-11-14T23-13-20+13-45", " 2023-1-14T23:13:20Z",
            "2023-11-14T23:13:2 Z", "2023-11-14T 3:13:20+01:00", "+2023-11-14T23:13:20Z", "2023-11-14T23:13:20+ 1:00",
            "2023-11-14T23:13:20 +1:00", "2023-11-14T23:13:20+01: 5", "2023-11-14T23:13:20-00:00", "2023-11-14T23:13:20+99:99",
            "2023-11-14T23:13:20+1_0:00", "2023_0-11-14T23:13:20Z", "2023-11-14T23:13T20Z", "2023-11-14T23:13:20ZZ",
            "2023-04-31T00:00:00Z", "2024-02-29T12:00:00Z", "2023-11-14T23:13:20\n", "1970-01-01T00:00:00Z",
        ];
        string output = RdiffBackupOracle.RunPython(
            "import sys, json\nfrom rdiff_backup import Time\n"
            + "for t in json.load(sys.stdin):\n    r = Time.stringtotime(t)\n    print('None' if r is None else r)\n",
            JsonSerializer.Serialize(texts));
        string[] expected = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);

        for (int i = 0; i < texts.Length; i++)
        {
            string ours = SessionTime.TryParse(texts[i], out long epoch) ? epoch.ToString(System.Globalization.CultureInfo.InvariantCulture) : "None";
            Assert.That(ours, Is.EqualTo(expected[i]), JsonSerializer.Serialize(texts[i]));
        }
    }

    [Test]
    public void Formatting_agrees_with_rdiff_backups_timetostring_in_many_zones()
    {
        string[] zones =
        [
            "UTC", "Europe/Berlin", "Europe/Dublin", "Europe/London", "Europe/Moscow", "America/St_Johns", "America/New_York",
            "America/Sao_Paulo", "Africa/Casablanca", "Asia/Kolkata", "Asia/Kathmandu", "Australia/Lord_Howe",
            "Australia/Adelaide", "Pacific/Chatham", "Pacific/Marquesas", "Pacific/Kiritimati", "America/Santiago",
        ];
        long[] times = [1700000000, 1690000000, 1280000000, 1516000000, 1000000000, 1111111111, 2000000000, 1711846800, 1698541200];
        long runTime = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        string output = RdiffBackupOracle.RunPython(
            "import sys, os, time, json\nfrom rdiff_backup import Time, Globals\ncases = json.load(sys.stdin)\n"
            + "for z in cases['zones']:\n    os.environ['TZ'] = z\n    time.tzset()\n    for compat in (0, 1):\n"
            + "        Globals.use_compatible_timestamps = compat\n        for t in cases['times']:\n            print(Time.timetostring(t))\n",
            JsonSerializer.Serialize(new { zones, times }));
        var expected = new Queue<string>(output.Split('\n', StringSplitOptions.RemoveEmptyEntries));

        foreach (string zone in zones)
        {
            foreach (bool compatible in new[] { false, true })
            {
                foreach (long time in times)
                {
                    Assert.That(SessionTime.Format(time, Zone(zone), compatible, runTime), Is.EqualTo(expected.Dequeue()), $"{zone} {time} compatible={compatible}");
                }
            }
        }
    }

    [TestCase("Europe/Berlin", 1700000000L, false)]
    [TestCase("Europe/Berlin", 1690000000L, false)]
    [TestCase("UTC", 1700000000L, false)]
    [TestCase("America/St_Johns", 1700000000L, false)]
    [TestCase("America/St_Johns", 1700000000L, true)]
    [TestCase("Pacific/Marquesas", 1700000000L, false)]
    [TestCase("Asia/Kolkata", 1700000000L, true)]
    [TestCase("Europe/Dublin", 1700000000L, false)]
    [TestCase("Europe/Moscow", 1280000000L, false)]
    [TestCase("Australia/Lord_Howe", 1690000000L, false)]
    public void A_real_backup_names_its_files_with_our_timestamp(string zone, long epoch, bool compatible)
    {
        using var directory = new TempDirectory();
        Directory.CreateDirectory(directory["src"]);
        File.WriteAllText(Path.Combine(directory["src"], "file"), "content\n");
        string[] options = compatible ? ["--use-compatible-timestamps"] : [];
        long runTime = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        RdiffBackupOracle.RunRdiffBackup(zone, [.. options, "--current-time", epoch.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "backup", directory["src"], directory["repo"]]);

        string marker = Path.GetFileName(Directory.GetFiles(Path.Combine(directory["repo"], "rdiff-backup-data"), "current_mirror.*.data").Single());
        string timestamp = marker["current_mirror.".Length..^".data".Length];
        Assert.That(timestamp, Is.EqualTo(SessionTime.Format(epoch, Zone(zone), compatible, runTime)));
    }
}
