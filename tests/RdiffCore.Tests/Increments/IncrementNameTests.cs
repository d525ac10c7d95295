using System.Text;
using System.Text.Json;
using RdiffCore.Increments;
using RdiffCore.Tests.Support;

namespace RdiffCore.Tests.Increments;

public sealed class IncrementNameTests
{
    private const long T1 = 1700000000;

    [TestCase("file.tar.2023-11-14T23:13:20+01:00.diff.gz", "file.tar", T1, "Diff", true)]
    [TestCase("file.txt.2023-11-14T23:13:20+01:00.diff", "file.txt", T1, "Diff", false)]
    [TestCase("increments.2023-11-14T23:13:20+01:00.dir", "increments", T1, "Dir", false)]
    [TestCase("newfile.2023-11-14T23:13:20+01:00.missing", "newfile", T1, "Missing", false)]
    [TestCase("hl_b.2023-11-14T22:13:20Z.snapshot.gz", "hl_b", T1, "Snapshot", true)]
    [TestCase("current_mirror.2023-11-14T18-43-20-04-30.data", "current_mirror", T1, "Data", false)]
    [TestCase("mirror_metadata.2023-11-14T23:13:20+01:00.snapshot.gz", "mirror_metadata", T1, "Snapshot", true)]
    [TestCase("a..b.2023-11-14T23:13:20+01:00.dir", "a..b", T1, "Dir", false)]
    [TestCase("1.2023-11-14T23:13:20+01:00.diff.gz", "1", T1, "Diff", true)]
    [TestCase("x.1970-01-01T00:00:00Z.diff", "x", 0L, "Diff", false)]
    public void Parses_the_grammar(string fileName, string expectedBase, long time, string typeName, bool compressed)
    {
        var type = Enum.Parse<IncrementType>(typeName);
        Assert.That(IncrementName.TryParse(Encoding.UTF8.GetBytes(fileName), out IncrementName name), Is.True);
        Assert.That(Encoding.UTF8.GetString(name.Base), Is.EqualTo(expectedBase));
        Assert.That(name.Time, Is.EqualTo(time));
        Assert.That(name.Type, Is.EqualTo(type));
        Assert.That(name.Compressed, Is.EqualTo(compressed));
    }

    [TestCase("file.txt")]
    [TestCase("2023-11-14T23:13:20+01:00.diff")]        // two parts: no base part at all
    [TestCase("2023-11-14T23:13:20+01:00.diff.gz")]
    [TestCase("file.2023-11-14T23:13:20+01:00.gz")]     // "gz" needs a type before it
    [TestCase("file.2023-11-14T23:13:20+01:00.Diff")]
    [TestCase("file.2023-11-14T23:13:20+01:00.diff.GZ")]
    [TestCase("file.2023-11-14T23:13:20+01:00.delta")]
    [TestCase("file.2023-11-14T23:13:20.diff")]
    [TestCase("file.yesterday.diff")]
    [TestCase("file.2023-11-14T23:13:20+01:00.diff.gz.gz")]
    [TestCase("gz")]
    [TestCase(".2023-11-14T23:13:20+01:00.diff")]       // an empty base is not a name
    [TestCase("...2023-11-14T23:13:20+01:00.diff.gz")]  // nor is ".."
    [TestCase("")]
    public void Rejects_other_names(string fileName)
    {
        Assert.That(IncrementName.TryParse(Encoding.UTF8.GetBytes(fileName), out _), Is.False);
    }

    [Test]
    public void Keeps_base_bytes_that_are_not_UTF8()
    {
        byte[] fileName = [0xff, (byte)'\n', 0x80, .. ".2023-11-14T22:13:20Z.snapshot"u8];
        Assert.That(IncrementName.TryParse(fileName, out IncrementName name), Is.True);
        Assert.That(name.Base, Is.EqualTo(new byte[] { 0xff, (byte)'\n', 0x80 }));
    }

    [TestCase("Snapshot", "snapshot")]
    [TestCase("Dir", "dir")]
    [TestCase("Missing", "missing")]
    [TestCase("Diff", "diff")]
    [TestCase("Data", "data")]
    public void Formats_and_reads_back_every_type(string typeName, string word)
    {
        var type = Enum.Parse<IncrementType>(typeName);
        Assert.That(IncrementName.TypeWord(type), Is.EqualTo(word));
        foreach (bool compressed in new[] { false, true })
        {
            byte[] fileName = IncrementName.Format("photo.jpg"u8, "2023-11-14T23:13:20+01:00", type, compressed);
            Assert.That(Encoding.UTF8.GetString(fileName), Is.EqualTo($"photo.jpg.2023-11-14T23:13:20+01:00.{word}{(compressed ? ".gz" : "")}"));
            Assert.That(IncrementName.TryParse(fileName, out IncrementName name), Is.True);
            Assert.That(name.Base, Is.EqualTo("photo.jpg"u8.ToArray()));
            Assert.That((name.Time, name.Type, name.Compressed), Is.EqualTo((T1, type, compressed)));
        }
    }

    [Test]
    public void Agrees_with_rdiff_backups_get_incfile_info()
    {
        string[] names =
        [
            "a.2023-11-14T23:13:20+01:00.diff.gz", "a.b.c.2023-11-14T22:13:20Z.snapshot",
            "a.2023-11-14T22:13:20Z.gz", "2023-11-14T22:13:20Z.missing", "a.2023-11-14T22:13:20Z.data.gz",
            "a.2023-11-14T22:13:20Z.diff.gz.gz", "a.2023-11-14T22-13-20Z.missing", "a.2023-11-14T22:13:20.dir",
            "a..2023-11-14T22:13:20Z.diff", "a.2023-11-14T22:13:20Z..diff", "a.1970-01-01T00:00:00Z.dir", "a.b",
        ];
        string output = RdiffBackupOracle.RunPython(
            "import sys, json\nfrom rdiff_backup import rpath\n"
            + "for n in json.load(sys.stdin):\n    i = rpath.get_incfile_info(n.encode())\n"
            + "    print('None' if i is None else '%s|%s|%s|%s' % (bool(i[0]), i[1].decode(), i[2].decode(), i[3].decode()))\n",
            JsonSerializer.Serialize(names));
        string[] expected = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);

        for (int i = 0; i < names.Length; i++)
        {
            byte[] fileName = Encoding.UTF8.GetBytes(names[i]);
            string ours = "None";
            if (IncrementName.TryParse(fileName, out IncrementName name))
            {
                string timestamp = names[i].Split('.')[^(name.Compressed ? 3 : 2)];
                ours = $"{name.Compressed}|{timestamp}|{IncrementName.TypeWord(name.Type)}|{Encoding.UTF8.GetString(name.Base)}";
            }
            Assert.That(ours, Is.EqualTo(expected[i]), names[i]);
        }
    }

    [TestCase(".2023-11-14T22:13:20Z.dir")]
    [TestCase("...2023-11-14T22:13:20Z.dir")]
    public void Unlike_rdiff_backup_refuses_a_base_that_is_not_a_name(string fileName)
    {
        // rdiff-backup returns base "" or ".."; joined to a directory, either would be a path, not an entry.
        Assert.That(IncrementName.TryParse(Encoding.UTF8.GetBytes(fileName), out _), Is.False);
    }
}
