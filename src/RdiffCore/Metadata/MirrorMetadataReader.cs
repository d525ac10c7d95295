using System.Diagnostics.CodeAnalysis;
using RdiffCore.Model;

namespace RdiffCore.Metadata;

/// <summary>
/// Reads mirror_metadata records (format.md §1.6) one at a time from a plain stream
/// (the caller unwraps gzip, see <see cref="MetadataFile"/>), never holding more than one record.
/// As tolerant as rdiff-backup: a record starts at each line "File &lt;quoted path&gt;"; any other
/// line that is not "&lt;Field&gt; &lt;value&gt;" is ignored, and so are unknown fields; "None"
/// is accepted for a missing user or group name. The records' xattrs and ACLs are left empty.
/// What would be unsafe is damage (<see cref="CorruptMetadataException"/>), never a path: a record
/// path must be "." or names joined by '/' (<see cref="RelPath.TryFromRecorded"/>), and the records
/// must come in strict canonical order without duplicates (rdiff-backup's "bad index order").
/// </summary>
internal sealed class MirrorMetadataReader : IDisposable
{
    private readonly LineReader _lines;
    private readonly MirrorRecordBuilder _builder;
    private byte[]? _nextPath;
    private long _nextLine;
    private RelPath? _previous;
    private bool _atEnd;

    /// <param name="input">The uncompressed records.</param>
    /// <param name="name">The file's name for error messages.</param>
    /// <param name="leaveOpen">Keep <paramref name="input"/> open on dispose.</param>
    public MirrorMetadataReader(Stream input, string name = "mirror_metadata", bool leaveOpen = false)
    {
        _lines = new LineReader(input, name, leaveOpen);
        _builder = new MirrorRecordBuilder(name);
    }

    /// <summary>The file's name, for error messages.</summary>
    public string Name => _lines.Name;

    /// <summary>The next record in file order, "Type None" records included; false at the end.</summary>
    public bool TryRead([NotNullWhen(true)] out MetadataRecord? record)
    {
        record = null;
        if (_nextPath is null && !SkipToRecord())
        {
            return false;
        }
        _builder.Start(Checked(_nextPath!, _nextLine));
        _nextPath = null;
        while (_lines.TryReadLine(out ReadOnlySpan<byte> line))
        {
            if (line.StartsWith("File "u8))
            {
                NextRecord(line);
                record = _builder.Build();
                return true;
            }
            _builder.AddLine(line);
        }
        _atEnd = true;
        record = _builder.Build();
        return true;
    }

    /// <summary>The remaining records, lazily; the same sequence <see cref="TryRead"/> gives.</summary>
    public IEnumerable<MetadataRecord> Records()
    {
        while (TryRead(out MetadataRecord? record))
        {
            yield return record;
        }
    }

    public void Dispose() => _lines.Dispose();

    // Lines before the first "File" line belong to no record; rdiff-backup ignores them too.
    private bool SkipToRecord()
    {
        while (!_atEnd && _lines.TryReadLine(out ReadOnlySpan<byte> line))
        {
            if (line.StartsWith("File "u8))
            {
                NextRecord(line);
                return true;
            }
        }
        _atEnd = true;
        return false;
    }

    private void NextRecord(ReadOnlySpan<byte> fileLine)
    {
        _nextPath = PathQuoting.Unquote(fileLine[5..]);
        _nextLine = _lines.LineNumber;
        _lines.StartRecord();
    }

    private RelPath Checked(byte[] unquoted, long line)
    {
        if (!RelPath.TryFromRecorded(unquoted, out RelPath path))
        {
            throw Damaged($"line {line} records the path '{Show(unquoted)}', which is not a relative path of names ('..', '.', '/' and NUL are not names)");
        }
        if (_previous is RelPath previous && RelPathComparer.Instance.Compare(previous, path) >= 0)
        {
            throw Damaged(previous == path
                ? $"line {line} records '{PathQuoting.Display(path)}' a second time (bad index order)"
                : $"line {line} records '{PathQuoting.Display(path)}' after '{PathQuoting.Display(previous)}' (bad index order)");
        }
        _previous = path;
        return path;
    }

    private CorruptMetadataException Damaged(string what) =>
        new($"The metadata file {_lines.Name} is damaged: {what}; restore the file from a copy of the repository.");

    private static string Show(byte[] bytes)
    {
        string text = System.Text.Encoding.UTF8.GetString(PathQuoting.Quote(bytes.Length > 200 ? bytes[..200] : bytes));
        return string.Create(text.Length, text, (chars, from) =>
        {
            for (int i = 0; i < chars.Length; i++)
            {
                chars[i] = char.IsControl(from[i]) ? '?' : from[i];
            }
        });
    }
}
