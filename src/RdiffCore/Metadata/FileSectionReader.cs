using RdiffCore.Model;

namespace RdiffCore.Metadata;

/// <summary>
/// Splits an extended_attributes or access_control_lists file into its records: each starts at a
/// line "# file: &lt;acl_quote(path)&gt;" ("." for the root) and runs to the next such line.
/// Lines before the first header belong to no record and are skipped, as rdiff-backup does. A
/// header path must be "." or names joined by '/', and the headers must come in strict canonical
/// order; anything else is damage (<see cref="CorruptMetadataException"/>).
/// </summary>
internal sealed class FileSectionReader : IDisposable
{
    private readonly LineReader _lines;
    private byte[]? _nextQuotedPath;
    private long _nextLine;
    private RelPath? _previous;
    private bool _inSection;
    private bool _atEnd;

    public FileSectionReader(Stream input, string name, bool leaveOpen)
    {
        _lines = new LineReader(input, name, leaveOpen);
    }

    public string Name => _lines.Name;

    /// <summary>Moves to the next record (skipping what is left of the current one); false at the end.</summary>
    public bool TryStartSection(out RelPath path)
    {
        while (_inSection && TryReadLine(out _))
        {
        }
        path = default;
        if (_nextQuotedPath is null)
        {
            while (true)
            {
                if (_atEnd || !_lines.TryReadLine(out ReadOnlySpan<byte> line))
                {
                    _atEnd = true;
                    return false;
                }
                if (IsHeader(line))
                {
                    NextHeader(line);
                    break;
                }
            }
        }
        path = Checked(AclQuoting.Unquote(_nextQuotedPath));
        _nextQuotedPath = null;
        _inSection = true;
        return true;
    }

    /// <summary>The next line of the current record; false at its end.</summary>
    public bool TryReadLine(out ReadOnlySpan<byte> line)
    {
        if (!_inSection)
        {
            line = default;
            return false;
        }
        if (!_lines.TryReadLine(out line))
        {
            _atEnd = true;
            _inSection = false;
            return false;
        }
        if (IsHeader(line))
        {
            NextHeader(line);
            _inSection = false;
            line = default;
            return false;
        }
        return true;
    }

    public void Dispose() => _lines.Dispose();

    /// <summary>Python's bytes.strip(): ASCII whitespace off both ends.</summary>
    public static ReadOnlySpan<byte> Strip(ReadOnlySpan<byte> line) => line.Trim(" \t\n\r\v\f"u8);

    private void NextHeader(ReadOnlySpan<byte> line)
    {
        _nextQuotedPath = line[8..].ToArray();
        _nextLine = _lines.LineNumber;
        _lines.StartRecord();
    }

    private RelPath Checked(byte[] unquoted)
    {
        if (!RelPath.TryFromRecorded(unquoted, out RelPath path))
        {
            throw Damaged($"line {_nextLine} names a path that is not a relative path of names ('..', '.', '/' and NUL are not names)");
        }
        if (_previous is RelPath previous && RelPathComparer.Instance.Compare(previous, path) >= 0)
        {
            throw Damaged($"line {_nextLine} names '{PathQuoting.Display(path)}' after '{PathQuoting.Display(previous)}' (bad index order)");
        }
        _previous = path;
        return path;
    }

    private CorruptMetadataException Damaged(string what) =>
        new($"The metadata file {Name} is damaged: {what}; restore the file from a copy of the repository.");

    private static bool IsHeader(ReadOnlySpan<byte> line) => line.StartsWith("# file: "u8);
}
