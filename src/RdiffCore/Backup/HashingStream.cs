using System.Buffers;
using System.Security.Cryptography;

namespace RdiffCore.Backup;

/// <summary>
/// Reads a source file through while computing the SHA-1 the metadata records, so that each file is
/// read once. A read error skips the file (<see cref="SkippedFileException"/>), never the backup.
/// </summary>
internal sealed class HashingStream(Stream inner) : Stream
{
    private readonly IncrementalHash _sha1 = IncrementalHash.CreateHash(HashAlgorithmName.SHA1);

    public long BytesRead { get; private set; }

    public byte[] Sha1() => _sha1.GetHashAndReset();

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        int n;
        try
        {
            n = inner.Read(buffer);
        }
        catch (IOException e) when (!RepositoryFullException.IsFull(e))
        {
            // A source file that cannot be read to its end (a failing disk, a vanished network share).
            throw new SkippedFileException("ListError", $"read failed after {BytesRead} bytes: {e.Message}", e);
        }
        _sha1.AppendData(buffer[..n]);
        BytesRead += n;
        return n;
    }

    /// <summary>Reads the rest of the stream, for a hash alone.</summary>
    public byte[] HashToEnd()
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(256 << 10);
        try
        {
            while (Read(buffer) > 0)
            {
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        return Sha1();
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => inner.Length;

    public override long Position
    {
        get => inner.Position;
        set => throw new NotSupportedException();
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _sha1.Dispose();
            inner.Dispose();
        }
        base.Dispose(disposing);
    }
}
