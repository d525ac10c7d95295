using RdiffCore.Model;

namespace RdiffCore.Metadata;

/// <summary>
/// Writes mirror_metadata records (format.md §1.6) as they come, byte for byte as
/// rdiff-backup 2.2 writes them: "File &lt;quoted path&gt;" ("." for the root), then two-space
/// indented fields in rdiff-backup's order. Records must arrive in <see cref="RelPathComparer"/>
/// order; the writer does not sort. The xattrs and ACL of a record go to their own files.
/// </summary>
internal sealed class MirrorMetadataWriter : IDisposable
{
    private readonly OutputBuffer _output;

    public MirrorMetadataWriter(Stream output, bool leaveOpen = false)
    {
        _output = new OutputBuffer(output, leaveOpen);
    }

    public void Write(MetadataRecord record)
    {
        _output.Append("File "u8);
        PathQuoting.QuoteTo(record.Path.IsRoot ? "."u8 : record.Path.Bytes, _output);
        _output.Append("\n  Type "u8);
        _output.Append(TypeName(record.Kind));
        _output.Append((byte)'\n');
        switch (record.Kind)
        {
            case FileKind.None:
                return;
            case FileKind.Regular:
                WriteRegularFields(record);
                break;
            case FileKind.Symlink:
                _output.Append("  SymData "u8);
                PathQuoting.QuoteTo(record.SymlinkTarget, _output);
                _output.Append((byte)'\n');
                break;
            case FileKind.CharDevice or FileKind.BlockDevice:
                _output.Append(record.Kind == FileKind.CharDevice ? "  DeviceNum c "u8 : "  DeviceNum b "u8);
                _output.AppendDecimal(record.DeviceMajor);
                _output.Append((byte)' ');
                _output.AppendDecimal(record.DeviceMinor);
                _output.Append((byte)'\n');
                break;
        }
        if (record.HasModTime)
        {
            Field("  ModTime "u8, record.ModTime);
        }
        Field("  Uid "u8, record.Uid);
        Name("  Uname "u8, record.UserName);
        Field("  Gid "u8, record.Gid);
        Name("  Gname "u8, record.GroupName);
        Field("  Permissions "u8, record.Permissions);
        if (record.AlternateMirrorName is not null)
        {
            Name("  AlternateMirrorName "u8, record.AlternateMirrorName);
        }
        else if (record.AlternateIncrementName is not null)
        {
            Name("  AlternateIncrementName "u8, record.AlternateIncrementName);
        }
    }

    /// <summary>Hands everything written so far to the stream and flushes it.</summary>
    public void Flush() => _output.Flush();

    public void Dispose() => _output.Dispose();

    internal static ReadOnlySpan<byte> TypeName(FileKind kind) => kind switch
    {
        FileKind.None => "None"u8,
        FileKind.Regular => "reg"u8,
        FileKind.Directory => "dir"u8,
        FileKind.Symlink => "sym"u8,
        FileKind.CharDevice or FileKind.BlockDevice => "dev"u8,
        FileKind.Fifo => "fifo"u8,
        FileKind.Socket => "sock"u8,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a file kind."),
    };

    private void WriteRegularFields(MetadataRecord record)
    {
        Field("  Size "u8, record.Size);
        if (record.HardLinkCount > 1)
        {
            Field("  NumHardLinks "u8, record.HardLinkCount);
            _output.Append("  Inode "u8);
            _output.AppendDecimal(record.Inode);
            _output.Append("\n  DeviceLoc "u8);
            _output.AppendDecimal(record.DeviceLoc);
            _output.Append((byte)'\n');
        }
        if (record.Sha1 is { } sha1)
        {
            _output.Append("  SHA1Digest "u8);
            Span<byte> hex = _output.GetSpan(sha1.Length * 2);
            for (int i = 0; i < sha1.Length; i++)
            {
                hex[2 * i] = LowerHex[sha1[i] >> 4];
                hex[(2 * i) + 1] = LowerHex[sha1[i] & 15];
            }
            _output.Advance(sha1.Length * 2);
            _output.Append((byte)'\n');
        }
    }

    private static ReadOnlySpan<byte> LowerHex => "0123456789abcdef"u8;

    private void Field(ReadOnlySpan<byte> prefix, long value)
    {
        _output.Append(prefix);
        _output.AppendDecimal(value);
        _output.Append((byte)'\n');
    }

    // A missing user or group name is written ":", which rdiff-backup reads back as "no name".
    private void Name(ReadOnlySpan<byte> prefix, string? name)
    {
        _output.Append(prefix);
        if (name is null)
        {
            _output.Append((byte)':');
        }
        else
        {
            _output.AppendUtf8(name);
        }
        _output.Append((byte)'\n');
    }
}
