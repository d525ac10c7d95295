using RdiffCore.Model;

namespace RdiffCore.Metadata;

/// <summary>
/// Splits an extended_attributes or access_control_lists file into its records: each starts at a
/// line "# file: &lt;acl_quote(path)&gt;" ("." for the root) and runs to the next such line.
/// Lines before the first header belong to no record and are skipped, as rdiff-backup does.
/// </summary>
internal sealed class FileSectionReader : IDisposable
{
    private readonly LineReader _lines;
    private byte[]? _nextQuotedPath;
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
                    _nextQuotedPath = line[8..].ToArray();
                    break;
                }
            }
        }
        path = _nextQuotedPath is [(byte)'.'] ? RelPath.Root : new RelPath(AclQuoting.Unquote(_nextQuotedPath));
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
            _nextQuotedPath = line[8..].ToArray();
            _inSection = false;
            line = default;
            return false;
        }
        return true;
    }

    public void Dispose() => _lines.Dispose();

    /// <summary>Python's bytes.strip(): ASCII whitespace off both ends.</summary>
    public static ReadOnlySpan<byte> Strip(ReadOnlySpan<byte> line) => line.Trim(" \t\n\r\v\f"u8);

    private static bool IsHeader(ReadOnlySpan<byte> line) => line.StartsWith("# file: "u8);
}
