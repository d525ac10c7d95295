using RdiffCore.Model;

namespace RdiffCore.Metadata;

/// <summary>
/// Writes file_statistics (format.md §1.12): two header lines, then per path
/// "&lt;quoted path&gt; &lt;0|1&gt; &lt;source size|NA&gt; &lt;mirror size|NA&gt; &lt;increment size|NA&gt;".
/// Every line, the header included, ends with '\n', or with NUL under --null-separator, as in
/// rdiff-backup. Sizes are null when the object is absent (NA); callers pass 0 for non-regular files.
/// </summary>
internal sealed class FileStatisticsWriter : IDisposable
{
    private readonly OutputBuffer _output;
    private readonly byte _separator;

    public FileStatisticsWriter(Stream output, bool nullSeparator, bool leaveOpen = false)
    {
        _output = new OutputBuffer(output, leaveOpen);
        _separator = nullSeparator ? (byte)0 : (byte)'\n';
        _output.Append("# Format of each line in file statistics file:"u8);
        _output.Append(_separator);
        _output.Append("# Filename Changed SourceSize MirrorSize IncrementSize"u8);
        _output.Append(_separator);
    }

    public void Write(RelPath path, bool changed, long? sourceSize, long? mirrorSize, long? incrementSize)
    {
        PathQuoting.QuoteTo(path.IsRoot ? "."u8 : path.Bytes, _output);
        _output.Append(changed ? " 1"u8 : " 0"u8);
        Size(sourceSize);
        Size(mirrorSize);
        Size(incrementSize);
        _output.Append(_separator);
    }

    /// <summary>Hands everything written so far to the stream and flushes it.</summary>
    public void Flush() => _output.Flush();

    public void Dispose() => _output.Dispose();

    private void Size(long? size)
    {
        _output.Append((byte)' ');
        if (size is { } value)
        {
            _output.AppendDecimal(value);
        }
        else
        {
            _output.Append("NA"u8);
        }
    }
}
