namespace RdiffCore.Delta;

/// <summary>
/// Decodes a librsync delta stream command by command. Everything librsync's patcher rejects is
/// rejected here too (reserved opcodes, zero lengths, truncation, a missing END), and so are bytes
/// after END, which librsync ignores but no librsync writer produces.
/// </summary>
internal sealed class DeltaReader
{
    private readonly Stream _input;
    private readonly byte[] _buffer = new byte[64 * 1024];
    private int _start;
    private int _end;
    private long _consumed;
    private long _literalRemaining;

    public DeltaReader(Stream input)
    {
        _input = input;
        Span<byte> magic = stackalloc byte[4];
        if (!TryTake(magic))
        {
            throw Corrupt("is too short to hold the delta magic");
        }
        uint value = (uint)DeltaFormat.ReadBigEndian(magic, 4);
        if (value != DeltaFormat.Magic)
        {
            throw Corrupt($"does not start with the librsync delta magic 72730236 (found {value:x8})");
        }
    }

    /// <summary>Bytes of the delta consumed so far, for messages.</summary>
    public long Offset => _consumed;

    /// <summary>Reads the next command. A LITERAL's bytes must be read with <see cref="ReadLiteral"/> before the next call.</summary>
    public DeltaCommand Next()
    {
        if (_literalRemaining != 0)
        {
            throw new InvalidOperationException("The previous literal was not read.");
        }
        long at = _consumed;
        Span<byte> arguments = stackalloc byte[16];
        if (!TryTake(arguments[..1]))
        {
            throw Corrupt("ends without the END command (truncated?)");
        }
        byte opcode = arguments[0];
        if (opcode == DeltaFormat.End)
        {
            RequireEndOfInput();
            return new DeltaCommand(DeltaCommandKind.End, 0, 0);
        }
        if (opcode > DeltaFormat.LastValidOpcode)
        {
            throw Corrupt($"has the reserved opcode 0x{opcode:x2} at offset {at}");
        }
        if (opcode <= DeltaFormat.LiteralImmediateMax)
        {
            _literalRemaining = opcode;
            return new DeltaCommand(DeltaCommandKind.Literal, 0, opcode);
        }
        if (opcode < DeltaFormat.CopyN1N1)
        {
            long length = ReadArgument(arguments, DeltaFormat.WidthFromCode(opcode - DeltaFormat.LiteralN1), at, "LITERAL length");
            if (length == 0)
            {
                throw Corrupt($"has a LITERAL of length 0 at offset {at}");
            }
            _literalRemaining = length;
            return new DeltaCommand(DeltaCommandKind.Literal, 0, length);
        }
        int code = opcode - DeltaFormat.CopyN1N1;
        long position = ReadArgument(arguments, DeltaFormat.WidthFromCode(code >> 2), at, "COPY position");
        long copyLength = ReadArgument(arguments, DeltaFormat.WidthFromCode(code & 3), at, "COPY length");
        if (copyLength == 0)
        {
            throw Corrupt($"has a COPY of length 0 at offset {at}");
        }
        return new DeltaCommand(DeltaCommandKind.Copy, position, copyLength);
    }

    /// <summary>Reads up to <paramref name="destination"/>.Length bytes of the current literal; returns how many.</summary>
    public int ReadLiteral(Span<byte> destination)
    {
        int want = (int)Math.Min(destination.Length, _literalRemaining);
        if (want == 0)
        {
            return 0;
        }
        int buffered = _end - _start;
        int got;
        if (buffered > 0)
        {
            got = Math.Min(want, buffered);
            _buffer.AsSpan(_start, got).CopyTo(destination);
            _start += got;
        }
        else if (want >= _buffer.Length)
        {
            // Large literals go straight to the caller's buffer.
            got = _input.Read(destination[..want]);
        }
        else
        {
            Fill();
            got = Math.Min(want, _end - _start);
            _buffer.AsSpan(_start, got).CopyTo(destination);
            _start += got;
        }
        if (got == 0)
        {
            throw Corrupt($"ends inside a literal ({_literalRemaining} bytes missing)");
        }
        _literalRemaining -= got;
        _consumed += got;
        return got;
    }

    private long ReadArgument(Span<byte> scratch, int width, long at, string what)
    {
        Span<byte> field = scratch.Slice(1, width);
        if (!TryTake(field))
        {
            throw Corrupt($"ends inside the {what} of the command at offset {at}");
        }
        ulong value = DeltaFormat.ReadBigEndian(field, width);
        if (value > long.MaxValue)
        {
            throw Corrupt($"has an impossible {what} {value} at offset {at}");
        }
        return (long)value;
    }

    private void RequireEndOfInput()
    {
        if (_end > _start || Fill() > 0)
        {
            throw Corrupt($"has data after the END command at offset {_consumed - 1}");
        }
    }

    private bool TryTake(Span<byte> destination)
    {
        while (_end - _start < destination.Length)
        {
            if (Fill() == 0)
            {
                return false;
            }
        }
        _buffer.AsSpan(_start, destination.Length).CopyTo(destination);
        _start += destination.Length;
        _consumed += destination.Length;
        return true;
    }

    private int Fill()
    {
        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }
        int read = _input.Read(_buffer, _end, _buffer.Length - _end);
        _end += read;
        return read;
    }

    private static CorruptDeltaException Corrupt(string what) => new($"The delta {what}.");
}
