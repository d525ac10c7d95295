using System.Diagnostics.CodeAnalysis;
using RdiffCore.Model;

namespace RdiffCore.Metadata;

/// <summary>
/// Reads mirror_metadata records (rdiff-backup-format.md §1.6) one at a time from a plain stream
/// (the caller unwraps gzip, see <see cref="MetadataFile"/>), never holding more than one record.
/// As tolerant as rdiff-backup: a record starts at each line "File &lt;quoted path&gt;"; any other
/// line that is not "&lt;Field&gt; &lt;value&gt;" is ignored, and so are unknown fields; "None"
/// is accepted for a missing user or group name. The records' xattrs and ACLs are left empty.
/// </summary>
internal sealed class MirrorMetadataReader : IDisposable
{
    private readonly LineReader _lines;
    private readonly MirrorRecordBuilder _builder;
    private byte[]? _nextPath;
    private bool _atEnd;

    /// <param name="input">The uncompressed records.</param>
    /// <param name="name">The file's name for error messages.</param>
    /// <param name="leaveOpen">Keep <paramref name="input"/> open on dispose.</param>
    public MirrorMetadataReader(Stream input, string name = "mirror_metadata", bool leaveOpen = false)
    {
        _lines = new LineReader(input, name, leaveOpen);
        _builder = new MirrorRecordBuilder(name);
    }

    /// <summary>The next record in file order, "Type None" records included; false at the end.</summary>
    public bool TryRead([NotNullWhen(true)] out MetadataRecord? record)
    {
        record = null;
        if (_nextPath is null && !SkipToRecord())
        {
            return false;
        }
        _builder.Start(ToRelPath(_nextPath!));
        _nextPath = null;
        while (_lines.TryReadLine(out ReadOnlySpan<byte> line))
        {
            if (line.StartsWith("File "u8))
            {
                _nextPath = PathQuoting.Unquote(line[5..]);
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
                _nextPath = PathQuoting.Unquote(line[5..]);
                return true;
            }
        }
        _atEnd = true;
        return false;
    }

    private static RelPath ToRelPath(byte[] unquoted) =>
        unquoted is [(byte)'.'] ? RelPath.Root : new RelPath(unquoted);
}
