using System.Buffers;

namespace RdiffCore.Delta;

/// <summary>
/// Emits a librsync delta: the magic, LITERAL and COPY commands in their shortest encodings, then END.
/// Adjacent COPYs are merged and literal bytes are gathered into one command, so callers may feed
/// matches and bytes in any granularity. Zero-length commands are never written.
/// </summary>
internal sealed class DeltaWriter
{
    // librsync streams literals of any length; a cap only bounds our buffer.
    internal const int MaxLiteral = 1 << 20;

    private readonly Stream _output;
    private readonly byte[] _literal;
    private readonly int _literalCapacity;
    private int _literalLength;
    private long _copyPosition;
    private long _copyLength;
    private long _literalCommands, _literalBytes, _copyCommands, _copyBytes, _deltaBytes;
    private bool _finished;

    public DeltaWriter(Stream output, int literalCapacity = MaxLiteral)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(literalCapacity, 1);
        _output = output;
        // Pooled: a backup writes one delta per changed file. Returned by Finish.
        _literalCapacity = literalCapacity;
        _literal = ArrayPool<byte>.Shared.Rent(literalCapacity);
        Span<byte> magic = stackalloc byte[4];
        DeltaFormat.WriteBigEndian(magic, DeltaFormat.Magic, 4);
        Emit(magic);
    }

    /// <summary>Appends <paramref name="length"/> bytes of the basis starting at <paramref name="position"/>.</summary>
    public void Copy(long position, long length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(position);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        if (length == 0)
        {
            return;
        }
        FlushLiteral();
        if (_copyLength > 0 && _copyPosition + _copyLength == position)
        {
            _copyLength += length;
            return;
        }
        FlushCopy();
        _copyPosition = position;
        _copyLength = length;
    }

    /// <summary>Appends bytes that are written into the delta itself.</summary>
    public void Literal(ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty)
        {
            return;
        }
        FlushCopy();
        while (!data.IsEmpty)
        {
            int take = Math.Min(data.Length, _literalCapacity - _literalLength);
            data[..take].CopyTo(_literal.AsSpan(_literalLength));
            _literalLength += take;
            data = data[take..];
            if (_literalLength == _literalCapacity)
            {
                FlushLiteral();
            }
        }
    }

    /// <summary>Writes what is pending and the END command; returns what the delta holds.</summary>
    public DeltaStats Finish()
    {
        if (!_finished)
        {
            FlushLiteral();
            FlushCopy();
            Emit([DeltaFormat.End]);
            _finished = true;
            ArrayPool<byte>.Shared.Return(_literal);
        }
        return new DeltaStats(_literalCommands, _literalBytes, _copyCommands, _copyBytes, _deltaBytes);
    }

    private void FlushCopy()
    {
        if (_copyLength == 0)
        {
            return;
        }
        int positionWidth = DeltaFormat.Width((ulong)_copyPosition);
        int lengthWidth = DeltaFormat.Width((ulong)_copyLength);
        Span<byte> header = stackalloc byte[17];
        header[0] = (byte)(DeltaFormat.CopyN1N1 + 4 * DeltaFormat.WidthCode(positionWidth) + DeltaFormat.WidthCode(lengthWidth));
        DeltaFormat.WriteBigEndian(header[1..], (ulong)_copyPosition, positionWidth);
        DeltaFormat.WriteBigEndian(header[(1 + positionWidth)..], (ulong)_copyLength, lengthWidth);
        Emit(header[..(1 + positionWidth + lengthWidth)]);
        _copyCommands++;
        _copyBytes += _copyLength;
        _copyLength = 0;
    }

    private void FlushLiteral()
    {
        if (_literalLength == 0)
        {
            return;
        }
        Span<byte> header = stackalloc byte[9];
        int headerLength;
        if (_literalLength <= DeltaFormat.LiteralImmediateMax)
        {
            header[0] = (byte)_literalLength;
            headerLength = 1;
        }
        else
        {
            int width = DeltaFormat.Width((ulong)_literalLength);
            header[0] = (byte)(DeltaFormat.LiteralN1 + DeltaFormat.WidthCode(width));
            DeltaFormat.WriteBigEndian(header[1..], (ulong)_literalLength, width);
            headerLength = 1 + width;
        }
        Emit(header[..headerLength]);
        Emit(_literal.AsSpan(0, _literalLength));
        _literalCommands++;
        _literalBytes += _literalLength;
        _literalLength = 0;
    }

    private void Emit(ReadOnlySpan<byte> bytes)
    {
        for (int at = 0; at < bytes.Length; at += PatchOutput.MaxWrite)
        {
            _output.Write(bytes[at..Math.Min(bytes.Length, at + PatchOutput.MaxWrite)]);
        }
        _deltaBytes += bytes.Length;
    }
}
