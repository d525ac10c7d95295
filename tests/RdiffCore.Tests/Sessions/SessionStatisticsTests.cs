using System.Globalization;
using System.Text.Json;
using RdiffCore.Sessions;
using RdiffCore.Tests.Support;

namespace RdiffCore.Tests.Sessions;

public sealed class SessionStatisticsTests
{
    // session_statistics.<T1>.data of format.md §1.17 (TZ=Europe/Berlin).
    private const string Sample = """
        StartTime 1700000000.00 (Tue Nov 14 23:13:20 2023)
        EndTime 1795537944.42 (Tue Nov 24 17:32:24 2026)
        ElapsedTime 95537944.42 (26538 hours 19 minutes 4.42 seconds)
        SourceFiles 12
        SourceFileSize 38044 (37.2 KB)
        MirrorFiles 1
        MirrorFileSize 0 (0 bytes)
        NewFiles 11
        NewFileSize 38044 (37.2 KB)
        DeletedFiles 0
        DeletedFileSize 0 (0 bytes)
        ChangedFiles 1
        ChangedSourceSize 0 (0 bytes)
        ChangedMirrorSize 0 (0 bytes)
        IncrementFiles 0
        IncrementFileSize 0 (0 bytes)
        TotalDestinationSizeChange 38044 (37.2 KB)
        Errors 0

        """;

    private static TimeZoneInfo Berlin => TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    [Test]
    public void Writes_the_documented_sample_exactly()
    {
        var statistics = new SessionStatistics
        {
            StartTime = 1700000000,
            EndTime = 1795537944.42,
            SourceFiles = 12,
            SourceFileSize = 38044,
            MirrorFiles = 1,
            NewFiles = 11,
            NewFileSize = 38044,
            ChangedFiles = 1,
        };

        Assert.That(statistics.ToText(Berlin), Is.EqualTo(Sample));
    }

    [Test]
    public void Reads_the_sample_back()
    {
        SessionStatistics statistics = SessionStatistics.Parse(Sample);

        Assert.That((statistics.StartTime, statistics.EndTime, statistics.ElapsedTime), Is.EqualTo((1700000000.0, 1795537944.42, (double?)95537944.42)));
        Assert.That((statistics.SourceFiles, statistics.SourceFileSize, statistics.MirrorFiles, statistics.NewFiles, statistics.NewFileSize, statistics.ChangedFiles),
            Is.EqualTo((12L, 38044L, 1L, 11L, 38044L, 1L)));
        Assert.That(statistics.TotalDestinationSizeChange, Is.EqualTo(38044));
        Assert.That(statistics.ToText(Berlin), Is.EqualTo(Sample));
    }

    [Test]
    public void Total_destination_size_change_is_the_documented_formula()
    {
        var statistics = new SessionStatistics { NewFileSize = 1000, ChangedSourceSize = 300, IncrementFileSize = 437, DeletedFileSize = 85, ChangedMirrorSize = 1200 };
        Assert.That(statistics.TotalDestinationSizeChange, Is.EqualTo(1000 + 300 + 437 - 85 - 1200));
        Assert.That(statistics.ToText(Berlin), Does.Contain("\nTotalDestinationSizeChange 452 (452 bytes)\n"));
    }

    [TestCase(0L, "0 bytes")]
    [TestCase(1L, "1 byte")]
    [TestCase(2L, "2 bytes")]
    [TestCase(1023L, "1023 bytes")]
    [TestCase(1024L, "1.00 KB")]
    [TestCase(38044L, "37.2 KB")]
    [TestCase(1152L, "1.12 KB")]            // 1.125: round half to even, as printf does
    [TestCase(1048575L, "1024 KB")]         // no carry into the next unit
    [TestCase(1048576L, "1.00 MB")]
    [TestCase(123L << 30, "123 GB")]
    [TestCase(5L << 40, "5.00 TB")]
    [TestCase(5000L << 40, "5000 TB")]
    [TestCase(-1L, "-1 byte")]
    [TestCase(-38044L, "-37.2 KB")]
    public void Pretty_sizes(long bytes, string expected)
    {
        Assert.That(SessionStatistics.PrettySize(bytes), Is.EqualTo(expected));
    }

    [TestCase("Bogus 5")]
    [TestCase("SourceFiles")]
    [TestCase("SourceFiles five")]
    [TestCase("Filename name")]
    [TestCase("   ")]
    [TestCase("SourceFiles 1.5")]   // rdiff-backup keeps a float; our counters are whole numbers
    public void Rejects_bad_lines_naming_them(string line)
    {
        var error = Assert.Throws<CorruptStatisticsException>(() => SessionStatistics.Parse("SourceFiles 3\n" + line + "\n", "stats.data"));
        Assert.That(error!.Message, Does.Contain($"'{line}'").And.Contain("stats.data"));
    }

    [Test]
    public void Reads_lines_in_any_order_with_extra_tokens_and_Python_numbers()
    {
        SessionStatistics statistics = SessionStatistics.Parse("Errors 2 (two)\n\nSourceFiles +1_000\r\nEndTime 5e2\nStartTime 100\nSourceFileSize 7.0\nFilename 3\n");
        Assert.That((statistics.Errors, statistics.SourceFiles, statistics.EndTime, statistics.StartTime, statistics.SourceFileSize),
            Is.EqualTo((2L, 1000L, 500.0, 100.0, 7L)));
    }

    [Test]
    public void Pretty_sizes_and_durations_agree_with_rdiff_backup()
    {
        long[] sizes = [0, 1, 2, 999, 1023, 1024, 1025, 10239, 10240, 10234, 102399, 102400, 1048063, 1048575, 1048576, 1152, 3 << 19,
            (1L << 40) - 1, 1L << 40, 1L << 50, long.MaxValue, -1, -2, -1024, -10240, long.MinValue + 1, 123456789, 987654321987];
        double[] durations = [0.0, 0.004, 0.5, 1.0, 1.5, 2.0, 59.999, 60.0, 60.5, 61.0, 119.0, 120.0, 3599.995, 3600.0, 3600.5, 3601.0,
            3660.0, 3661.0, 7322.25, 86399.995, 95537944.42000008, 1e10, 12345.678, -5.0, -3600.5];
        string output = RdiffBackupOracle.RunPython(
            "import sys, json\nfrom rdiff_backup import statistics, Time\ncases = json.load(sys.stdin)\ns = statistics.StatsObj()\n"
            + "for v in cases['sizes']:\n    print(s.get_byte_summary_string(v))\n"
            + "for v in cases['durations']:\n    print(Time.inttopretty(float(v)))\n",
            JsonSerializer.Serialize(new { sizes, durations }));
        var expected = new Queue<string>(output.Split('\n', StringSplitOptions.RemoveEmptyEntries));

        foreach (long size in sizes)
        {
            Assert.That(SessionStatistics.PrettySize(size), Is.EqualTo(expected.Dequeue()), size.ToString(CultureInfo.InvariantCulture));
        }
        foreach (double duration in durations)
        {
            Assert.That(SessionStatistics.PrettyDuration(duration), Is.EqualTo(expected.Dequeue()), duration.ToString("R", CultureInfo.InvariantCulture));
        }
    }

    [TestCase("Europe/Berlin")]
    [TestCase("America/St_Johns")]
    [TestCase("UTC")]
    public void The_text_agrees_with_rdiff_backups_StatsObj(string zone)
    {
        var statistics = new SessionStatistics
        {
            StartTime = 1700086400,
            EndTime = 1700090061.125,
            SourceFiles = 11,
            SourceFileSize = 44_000_000_123,
            MirrorFiles = 12,
            MirrorFileSize = 38044,
            NewFiles = 1,
            NewFileSize = 10,
            DeletedFiles = 2,
            DeletedFileSize = 1_500_000,
            ChangedFiles = 7,
            ChangedSourceSize = 38060,
            ChangedMirrorSize = 38044,
            IncrementFiles = 10,
            IncrementFileSize = 437,
            Errors = 3,
        };
        string names = "SourceFiles SourceFileSize MirrorFiles MirrorFileSize NewFiles NewFileSize DeletedFiles DeletedFileSize "
            + "ChangedFiles ChangedSourceSize ChangedMirrorSize IncrementFiles IncrementFileSize Errors StartTime EndTime";
        var values = names.Split(' ').Select(name => typeof(SessionStatistics).GetProperty(name)!.GetValue(statistics)).ToArray();
        string expected = RdiffBackupOracle.RunPython(
            "import sys, json\nfrom rdiff_backup import statistics\ncase = json.load(sys.stdin)\ns = statistics.StatsObj()\n"
            + "for name, value in zip(case['names'].split(), case['values']):\n    s.set_stat(name, value)\n"
            + "sys.stdout.write(s._get_stats_string())\n",
            JsonSerializer.Serialize(new { names, values }), zone);

        Assert.That(statistics.ToText(TimeZoneInfo.FindSystemTimeZoneById(zone)), Is.EqualTo(expected));
    }

    [Test]
    public void Reads_and_rewrites_what_a_real_backup_wrote()
    {
        using var directory = new TempDirectory();
        Directory.CreateDirectory(directory["src"]);
        File.WriteAllBytes(Path.Combine(directory["src"], "file"), new byte[40_000]);
        RdiffBackupOracle.RunRdiffBackup("Europe/Berlin", "--current-time", "1700000000", "backup", directory["src"], directory["repo"]);
        string text = File.ReadAllText(Directory.GetFiles(Path.Combine(directory["repo"], "rdiff-backup-data"), "session_statistics.*.data").Single());

        SessionStatistics statistics = SessionStatistics.Parse(text);

        Assert.That((statistics.StartTime, statistics.SourceFiles, statistics.SourceFileSize, statistics.NewFileSize), Is.EqualTo((1700000000.0, 2L, 40000L, 40000L)));
        Assert.That(statistics.ToText(Berlin), Is.EqualTo(text));
    }
}
