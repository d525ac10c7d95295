using System.IO.Compression;

namespace RdiffCore.Storage;

/// <summary>
/// Gzip output that is a valid gzip file also when nothing is written: .NET's GZipStream then
/// writes no bytes at all, which gzip(1) and zcat reject, while rdiff-backup writes a gzip stream of
/// nothing (the snapshot of an empty file). For empty data this writes one empty member itself:
/// the header GZipStream writes (no name, no time, OS Unix), an empty final deflate block, and a
/// CRC-32 and length of zero. Every gzip file RdiffSharp writes goes through it.
/// </summary>
internal sealed class GzipWriteStream(Stream output, CompressionLevel level, bool leaveOpen = false) : Stream
{
    /// <summary>A whole gzip file of no data, as this stream writes it.</summary>
    internal static ReadOnlySpan<byte> EmptyMember =>
    [
        0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, // magic, deflate, no flags, no time, no extra flags, Unix
        3, 0,                               // a final fixed-Huffman block holding only its end code
        0, 0, 0, 0, 0, 0, 0, 0,             // CRC-32 and length of nothing
    ];

    private readonly GZipStream _gzip = new(output, level, leaveOpen: true);
    private bool _written;
    private bool _disposed;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => !_disposed;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        _written |= !buffer.IsEmpty;
        _gzip.Write(buffer);
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        _written |= !buffer.IsEmpty;
        return _gzip.WriteAsync(buffer, cancellationToken);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void WriteByte(byte value) => Write([value]);

    public override void Flush()
    {
        if (_written)
        {
            _gzip.Flush();
        }
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            _disposed = true;
            try
            {
                _gzip.Dispose();
                if (!_written)
                {
                    output.Write(EmptyMember);
                }
            }
            finally
            {
                if (!leaveOpen)
                {
                    output.Dispose();
                }
            }
        }
        base.Dispose(disposing);
    }
}
