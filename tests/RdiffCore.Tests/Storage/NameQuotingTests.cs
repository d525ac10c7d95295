using System.Text;
using System.Text.Json;
using RdiffCore.Increments;
using RdiffCore.Model;
using RdiffCore.Storage;
using RdiffCore.Tests.Support;

namespace RdiffCore.Tests.Storage;

public sealed class NameQuotingTests
{
    private static string Quote(string charsToQuote, string name, bool dos = false, bool trailing = false) =>
        Encoding.Latin1.GetString(new NameQuoting(Encoding.Latin1.GetBytes(charsToQuote), dos, trailing).Quote(Encoding.Latin1.GetBytes(name)));

    // The verified examples of format.md §1.15.
    [TestCase("A-Z", "Hello.TXT", ";072ello.;084;088;084")]
    [TestCase(":", "a:b;c", "a;058b;059c")]
    [TestCase("A-Z", "Dir", ";068ir")]
    [TestCase("A-Z:", "current_mirror.2023-11-15T18-43-20-04-30.data", "current_mirror.2023-11-15;08418-43-20-04-30.data")]
    [TestCase("A-Z", "plain;name", "plain;059name")]
    [TestCase("\x00-\x1f\x80-\xff", "a\nb\xe9", "a;010b;233")]          // raw bytes, as rdiff-backup writes its defaults
    [TestCase("\\000-\\037\\200-\\377", "a\nb\xe9", "a;010b;233")]      // octal escapes, as a user types them
    [TestCase("\"*/:<>?\\\\|\x7f", "a\\b|c\x7f?", "a;092b;124c;127;063")]
    [TestCase("^a-z", "aB1;c", "a;066;049;059c")]                      // negated class; ';' still quoted
    [TestCase("]a", "]ab", ";093;097b")]                                 // ']' first is literal
    [TestCase("a-", "a-b", ";097;045b")]                                 // '-' last is literal
    [TestCase("\\d", "a1b2", "a;049b;050")]
    public void Quotes_bytes_of_the_class_and_the_quoting_char(string charsToQuote, string name, string expected)
    {
        Assert.That(Quote(charsToQuote, name), Is.EqualTo(expected));
    }

    [TestCase("aux", ";097ux")]
    [TestCase("AUX", ";065UX")]
    [TestCase("con.txt", ";099on.txt")]
    [TestCase("nul.tar.gz", ";110ul.tar.gz")]
    [TestCase("com0", ";099om0")]
    [TestCase("lpt9.x", ";108pt9.x")]
    [TestCase("lpt0", "lpt0")]
    [TestCase("com", "com")]
    [TestCase("auxiliary", "auxiliary")]
    [TestCase("aux_", "aux_")]
    [TestCase("prn\n", ";112rn\n")]            // Python's '$' matches before a final newline
    [TestCase("prn.a\nb", "prn.a\nb")]
    [TestCase("xaux", "xaux")]
    public void Escapes_DOS_device_names(string name, string expected)
    {
        Assert.That(Quote(":", name, dos: true), Is.EqualTo(expected));
    }

    [TestCase("name ", "name;032")]
    [TestCase("name.", "name;046")]
    [TestCase("name. ", "name.;032")]
    [TestCase(" ", ";032")]
    [TestCase("", "")]
    [TestCase("name", "name")]
    public void Escapes_a_trailing_space_or_period(string name, string expected)
    {
        Assert.That(Quote(":", name, trailing: true), Is.EqualTo(expected));
    }

    [TestCase("aux.", true, true, "aux;046")]     // the trailing escape first: then it is no DOS name
    [TestCase("aux.", true, false, ";097ux.")]
    [TestCase("AUX", true, false, ";065UX")]
    public void Combines_the_escapes_in_rdiff_backups_order(string name, bool dos, bool trailing, string expected)
    {
        Assert.That(Quote(":", name, dos, trailing), Is.EqualTo(expected));
    }

    [Test]
    public void Without_chars_to_quote_nothing_is_quoted_or_escaped()
    {
        var quoting = new NameQuoting([], escapeDosDevices: true, escapeTrailingSpaces: true);

        Assert.That(quoting.IsActive, Is.False);
        Assert.That(quoting.Quote("aux;x. "u8), Is.EqualTo("aux;x. "u8.ToArray()));
        Assert.That(quoting.Unquote("a;058b"u8), Is.EqualTo("a;058b"u8.ToArray()));
    }

    [TestCase(";072ello.;084;088;084", "Hello.TXT")]
    [TestCase("a;058b;059c", "a:b;c")]
    [TestCase(";;0590", ";;0")]
    [TestCase("a;05", "a;05")]
    [TestCase("a;05x", "a;05x")]
    [TestCase(";000", ";000")]    // NUL is no name: kept as on disk
    public void Unquotes_every_semicolon_with_three_digits(string quoted, string expected)
    {
        var quoting = new NameQuoting("A-Z:"u8, false, false);
        Assert.That(Encoding.Latin1.GetString(quoting.Unquote(Encoding.Latin1.GetBytes(quoted))), Is.EqualTo(expected));
    }

    [Test]
    public void Unquoting_a_value_from_128_gives_its_UTF8_encoding()
    {
        var quoting = new NameQuoting("\x80-\xff"u8, false, false);
        Assert.That(quoting.Unquote("x;233;999"u8), Is.EqualTo("x\u00e9\u03e7"u8.ToArray()));
    }

    [Test]
    public void Round_trips_every_byte()
    {
        var quoting = new NameQuoting("\\000-\\037\\200-\\377A-Z:"u8, true, true);
        byte[] all = Enumerable.Range(1, 255).Where(b => b != '/' && b < 0x80).Select(b => (byte)b).ToArray();
        Assert.That(quoting.Unquote(quoting.Quote(all)), Is.EqualTo(all));
    }

    [TestCase("a-]")]
    [TestCase("a]b")]
    [TestCase("z-a")]
    [TestCase("\\w-z")]
    [TestCase("\\q")]
    [TestCase("\\8")]
    [TestCase("\\x4")]
    [TestCase("\\400")]
    [TestCase("a\\")]
    [TestCase("^")]
    public void Rejects_class_bodies_rdiff_backup_cannot_use(string charsToQuote)
    {
        // Python compiles "a-]" and "a]b", but its class then ends early and the rest of the
        // pattern matches two bytes at a time, on which rdiff-backup's quoting crashes.
        var error = Assert.Throws<InvalidCharsToQuoteException>(() => _ = new NameQuoting(Encoding.Latin1.GetBytes(charsToQuote), false, false));
        Assert.That(error!.Message, Does.Contain("chars_to_quote"));
    }

    [Test]
    public void Agrees_with_rdiff_backups_quoting()
    {
        string[] classes =
        [
            "A-Z", ":", "A-Z:", "\x00-\x1f\x80-\xff;", "\\000-\\037\\200-\\377", "\"*/:<>?\\\\|\x7f", "^a-z", "]a", "a-", "\\d\\s",
            "\\W", "\\x41-\\x43", "\\0", "\\01", "\\1234", "\\n\\t\\-", "-a", "[:a", "a--", "a-a", "\\^^", "\\\\-\\]", "\\a\\b\\f\\v\\r",
            "z-a", "\\w-z", "\\q", "\\8", "\\x4", "\\400", "a\\", "^", "\\S", "\\D",
        ];
        string[] names = ["Hello.TXT", "aux", "AUX.txt", "name. ", "a;b", "lpt1\n", "com7.", ".", "x\x01\xe9\xff", "prn.a\nb", "con"];
        var settings = new[] { (false, false), (true, false), (false, true), (true, true) };
        string script = """
            import sys, json, re
            from rdiff_backup import Globals
            from rdiffbackup.locations.map import filenames
            Globals.quoting_char = b';'
            data = json.load(sys.stdin)
            for ctq in data['classes']:
                try:
                    regexp = re.compile(b'[%b]|;' % bytes.fromhex(ctq), re.S)
                except re.error:
                    print('ERR')
                    continue
                Globals.chars_to_quote_regexp, Globals.chars_to_quote_unregexp = filenames.get_quoting_regexps(bytes.fromhex(ctq), b';')
                print(''.join('1' if regexp.match(bytes([b])) else '0' for b in range(256)))
                for dos, trailing in data['settings']:
                    Globals.escape_dos_devices, Globals.escape_trailing_spaces = dos, trailing
                    print(' '.join(filenames.quote(bytes.fromhex(n)).hex() for n in data['names']))
            """;
        string Hex(string text) => Convert.ToHexString(Encoding.Latin1.GetBytes(text));
        string output = RdiffBackupOracle.RunPython(script, JsonSerializer.Serialize(new
        {
            classes = classes.Select(Hex),
            names = names.Select(Hex),
            settings = settings.Select(s => new[] { s.Item1, s.Item2 }),
        }));
        var expected = new Queue<string>(output.Split('\n', StringSplitOptions.RemoveEmptyEntries));

        foreach (string charsToQuote in classes)
        {
            string table = expected.Dequeue();
            if (table == "ERR")
            {
                Assert.Throws<InvalidCharsToQuoteException>(() => _ = new NameQuoting(Encoding.Latin1.GetBytes(charsToQuote), false, false), charsToQuote);
                continue;
            }
            var plain = new NameQuoting(Encoding.Latin1.GetBytes(charsToQuote), false, false);
            string ours = string.Concat(Enumerable.Range(0, 256).Select(b => plain.Quote([(byte)b]).Length > 1 ? '1' : '0'));
            Assert.That(ours, Is.EqualTo(table), $"class {charsToQuote}");
            foreach ((bool dos, bool trailing) in settings)
            {
                var quoting = new NameQuoting(Encoding.Latin1.GetBytes(charsToQuote), dos, trailing);
                string quoted = string.Join(' ', names.Select(name => Convert.ToHexString(quoting.Quote(Encoding.Latin1.GetBytes(name)))));
                Assert.That(quoted, Is.EqualTo(expected.Dequeue().ToUpperInvariant()), $"class {charsToQuote}, dos={dos}, trailing={trailing}");
            }
        }
    }

    [Test]
    public void A_real_quoted_repository_has_exactly_our_names()
    {
        using var directory = new TempDirectory();
        string source = directory["src"], repository = directory["repo"];
        Directory.CreateDirectory(source);
        foreach (string name in new[] { "Hello.TXT", "a:b;c", "aux" })
        {
            File.WriteAllText(Path.Combine(source, name), name);
        }
        const long T1 = 1700086400, T2 = 1700172800;
        RdiffBackupOracle.RunRdiffBackup("America/St_Johns", "--chars-to-quote", "A-Z:", "--current-time", "1700086400", "backup", source, repository);
        File.AppendAllText(Path.Combine(source, "Hello.TXT"), "changed");
        RdiffBackupOracle.RunRdiffBackup("America/St_Johns", "--chars-to-quote", "A-Z:", "--current-time", "1700172800", "backup", source, repository);

        var quoting = new NameQuoting(File.ReadAllBytes(Path.Combine(repository, "rdiff-backup-data", "chars_to_quote")), false, false);
        TimeZoneInfo zone = TimeZoneInfo.FindSystemTimeZoneById("America/St_Johns");
        // ':' is quoted, so rdiff-backup switched to compatible timestamps; then 'T' is quoted too.
        string Stamp(long time) => SessionTime.Format(time, zone, compatible: true);
        string[] Names(string folder) => [.. Directory.GetFileSystemEntries(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal)!];
        string[] Quoted(params string[] names) => [.. names.Select(name => Encoding.UTF8.GetString(quoting.Quote(Encoding.UTF8.GetBytes(name)))).Order(StringComparer.Ordinal)];

        Assert.That(Names(repository), Is.EqualTo(Quoted("Hello.TXT", "a:b;c", "aux", "rdiff-backup-data")));
        Assert.That(Names(Path.Combine(repository, "rdiff-backup-data", "increments")),
            Is.EqualTo(Quoted(Encoding.UTF8.GetString(IncrementName.Format("Hello.TXT"u8, Stamp(T1), IncrementType.Diff, compressed: true)))));
        string data = Path.Combine(repository, "rdiff-backup-data");
        Assert.That(Names(data), Does.Contain(Quoted($"current_mirror.{Stamp(T2)}.data")[0])
            .And.Contain(Quoted($"increments.{Stamp(T1)}.dir")[0])
            .And.Contain(Quoted($"mirror_metadata.{Stamp(T1)}.diff.gz")[0]));
        foreach (string name in Names(data).Where(name => name.Contains(';', StringComparison.Ordinal)))
        {
            Assert.That(IncrementName.TryParse(quoting.Unquote(Encoding.UTF8.GetBytes(name)), out IncrementName parsed), Is.True, name);
            Assert.That(parsed.Time, Is.AnyOf(T1, T2), name);
        }
    }
}
