using System.IO.Compression;
using RdiffCore.Platform.Posix;
using RdiffCore.Storage;

namespace RdiffCore.Metadata;

/// <summary>
/// rdiff-backup's "maybe gzip" output (format.md §1.6, §7.4): nothing is created
/// until the first byte is written, then "&lt;base&gt;.gz" (gzip) or "&lt;base&gt;" (plain). When
/// nothing was written, disposing creates an empty, uncompressed "&lt;base&gt;". With fsync the
/// file's data reaches the disk before it is closed (the directory entry is the caller's).
/// </summary>
internal sealed class MaybeGzipFile : Stream
{
    private readonly byte[] _basePath;
    private readonly bool _compress;
    private readonly bool _fsync;
    private FileStream? _file;
    private GzipWriteStream? _gzip;
    private bool _disposed;
    private RootedTree? _tree;

    private MaybeGzipFile(byte[] basePath, bool compress, bool fsync)
    {
        _basePath = basePath;
        _compress = compress;
        _fsync = fsync;
    }

    /// <summary>A new maybe-gzip file at <paramref name="basePath"/>, created through <paramref name="tree"/> (the repository's) when given.</summary>
    public static MaybeGzipFile Create(byte[] basePath, bool compress, bool fsync, RootedTree? tree = null) => new(basePath, compress, fsync) { _tree = tree };

    /// <summary>The file created so far: null until a byte is written or the stream is disposed.</summary>
    public byte[]? WrittenPath { get; private set; }

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
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (buffer.IsEmpty)
        {
            return;
        }
        if (_file is null)
        {
            Open(_compress ? [.. _basePath, .. ".gz"u8] : _basePath);
            if (_compress)
            {
                _gzip = new GzipWriteStream(_file!, CompressionLevel.Optimal, leaveOpen: true);
            }
        }
        if (_gzip is not null)
        {
            _gzip.Write(buffer);
        }
        else
        {
            _file!.Write(buffer);
        }
    }

    public override void WriteByte(byte value) => Write([value]);

    public override void Flush()
    {
        _gzip?.Flush();
        _file?.Flush();
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            _disposed = true;
            if (_file is null)
            {
                Open(_basePath);
            }
            _gzip?.Dispose();
            _file!.Flush(flushToDisk: _fsync);
            _file.Dispose();
        }
        base.Dispose(disposing);
    }

    private void Open(byte[] path)
    {
        _file = MetadataFileSystem.CreateNew(path, _tree);
        WrittenPath = path;
    }
}
