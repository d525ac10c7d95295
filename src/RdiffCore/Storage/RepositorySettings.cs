using System.Text;
using RdiffCore.Model;
using RdiffCore.Platform.Posix;

namespace RdiffCore.Storage;

/// <summary>
/// The repository-wide quoting settings (format.md §1.15): rdiff-backup-data/chars_to_quote
/// (a character class body, raw bytes, empty when nothing is quoted) and special_escapes (flags, one a
/// line). A backup writes them when they are missing, before anything else; later runs read them.
/// </summary>
internal sealed class RepositorySettings
{
    private const string CharsToQuoteFile = "chars_to_quote";
    private const string SpecialEscapesFile = "special_escapes";

    // rdiff-backup's settings are a character class and a few flags: far below this.
    private const int MaxSettingBytes = 64 * 1024;

    private RepositorySettings(byte[] charsToQuote, bool escapeDosDevices, bool escapeTrailingSpaces)
    {
        CharsToQuote = charsToQuote;
        Quoting = new NameQuoting(charsToQuote, escapeDosDevices, escapeTrailingSpaces);
    }

    public byte[] CharsToQuote { get; }

    public NameQuoting Quoting { get; }

    /// <summary>rdiff-backup forces '-' timestamps whenever the stored class text contains ':' (set_compatible_timestamps).</summary>
    public bool ForcesCompatibleTimestamps => CharsToQuote.AsSpan().Contains((byte)':');

    /// <summary>
    /// The settings of a backup: missing files are written (chars_to_quote from <paramref name="requested"/>,
    /// else empty; special_escapes empty, as no destination probing is done). A request that differs
    /// from the stored class is fatal, as in rdiff-backup: the repository would need to be migrated.
    /// </summary>
    public static RepositorySettings ForBackup(RepositoryLayout layout, byte[]? requested)
    {
        byte[]? stored = Read(layout, CharsToQuoteFile);
        if (stored is null)
        {
            stored = requested ?? [];
            Write(layout, CharsToQuoteFile, stored);
        }
        else if (requested is not null && !requested.AsSpan().SequenceEqual(stored))
        {
            throw new RdiffException(
                $"the repository '{RepositoryPreparer.Show(layout.Root)}' quotes names with chars_to_quote '{Show(stored)}', not '{Show(requested)}'; it would need to be migrated: drop --chars-to-quote or use a new repository");
        }
        byte[]? escapes = Read(layout, SpecialEscapesFile);
        if (escapes is null)
        {
            escapes = [];
            Write(layout, SpecialEscapesFile, escapes);
        }
        return Create(stored, escapes);
    }

    /// <summary>The settings a reader uses: the stored ones (none when missing); <paramref name="charsToQuote"/> overrides, as --chars-to-quote does for rdiff-backup's restore.</summary>
    public static RepositorySettings ForReading(RepositoryLayout layout, byte[]? charsToQuote = null) =>
        Create(charsToQuote ?? Read(layout, CharsToQuoteFile) ?? [], Read(layout, SpecialEscapesFile) ?? []);

    private static RepositorySettings Create(byte[] charsToQuote, byte[] escapes)
    {
        // rdiff-backup reads the flags as set(text.strip().split("\n")).
        string[] flags = Encoding.UTF8.GetString(escapes).Trim().Split('\n');
        return new RepositorySettings(charsToQuote, flags.Contains("escape_dos_devices"), flags.Contains("escape_trailing_spaces"));
    }

    /// <summary>
    /// The file's bytes, null when it is missing. Anything but a small regular file that can be read
    /// is a damaged repository, reported with the file's path (never read whole: a huge file).
    /// </summary>
    private static byte[]? Read(RepositoryLayout layout, string name)
    {
        byte[] path = layout.SettingFile(Encoding.ASCII.GetBytes(name));
        if (!layout.Tree.TryLStat(path, out FileStatus status))
        {
            return null;
        }
        if (status.Kind != FileKind.Regular)
        {
            throw Damaged(path, $"is a {status.Kind.ToString().ToLowerInvariant()}, not a file");
        }
        if (status.Size > MaxSettingBytes)
        {
            throw Damaged(path, $"holds {status.Size} bytes, not a few");
        }
        try
        {
            using var file = new FileStream(layout.Tree.OpenRead(path), FileAccess.Read, 1);
            var content = new byte[MaxSettingBytes + 1];
            int length = file.ReadAtLeast(content, content.Length, throwOnEndOfStream: false);
            return length <= MaxSettingBytes ? content[..length] : throw Damaged(path, "grew while it was read");
        }
        catch (Exception e) when (e is PosixException or IOException or UnauthorizedAccessException)
        {
            throw new RdiffException(
                $"cannot read '{PrintablePath.From(path)}' ({e.Message}); the repository's settings must be readable: check its permissions, or run as the repository's owner", e);
        }
    }

    private static RdiffException Damaged(byte[] path, string what) => new(
        $"the repository is damaged: '{PrintablePath.From(path)}' {what}; replace it with the regular file from a copy of the repository");

    private static void Write(RepositoryLayout layout, string name, byte[] content)
    {
        using var file = new FileStream(layout.Tree.CreateNew(layout.SettingFile(Encoding.ASCII.GetBytes(name)), 0b110_000_000), FileAccess.Write, 1);
        file.Write(content);
    }

    private static string Show(byte[] bytes) => Encoding.UTF8.GetString(bytes);
}
