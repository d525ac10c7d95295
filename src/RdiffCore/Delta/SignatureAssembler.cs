using System.Buffers.Binary;

namespace RdiffCore.Delta;

/// <summary>
/// A <see cref="Signature"/> read from parts as they arrive (the ssh transport's source side), with
/// the checks of <see cref="SignatureReader"/>: only its block arrays are held, never the encoded
/// signature as well (20 MiB for a 1 GiB file).
/// </summary>
internal sealed class SignatureAssembler
{
    private readonly long _length;
    private readonly byte[] _partial = new byte[Signature.HeaderLength];
    private int _partialCount;
    private long _received;
    private int _blockSize;
    private long _basisLength;
    private ulong _seed;
    private uint[]? _weak;
    private UInt128[]? _strong;
    private int _blocks;

    /// <param name="length">The length of the encoded signature, as announced.</param>
    public SignatureAssembler(long length)
    {
        _length = length;
    }

    /// <summary>Bytes still to come.</summary>
    public long Missing => _length - _received;

    /// <summary>Takes the next bytes of the encoded signature.</summary>
    /// <exception cref="CorruptDeltaException">They do not add up to a signature of the announced length.</exception>
    public void Add(ReadOnlySpan<byte> part)
    {
        if (part.Length > Missing)
        {
            throw new CorruptDeltaException($"The signature holds more than the {_length} bytes announced.");
        }
        _received += part.Length;
        while (!part.IsEmpty)
        {
            int need = _weak is null ? Signature.HeaderLength : Signature.BlockRecordLength;
            if (_partialCount == 0 && _weak is not null && part.Length >= need)
            {
                Record(part[..need]);
                part = part[need..];
                continue;
            }
            int take = Math.Min(need - _partialCount, part.Length);
            part[..take].CopyTo(_partial.AsSpan(_partialCount));
            _partialCount += take;
            part = part[take..];
            if (_partialCount == need)
            {
                _partialCount = 0;
                if (_weak is null)
                {
                    Header(_partial);
                }
                else
                {
                    Record(_partial.AsSpan(0, need));
                }
            }
        }
    }

    /// <summary>The signature, once every announced byte has come.</summary>
    public Signature Finish() =>
        Missing == 0 && _weak is not null && _blocks == _weak.Length
            ? new Signature(_blockSize, _basisLength, _seed, _weak, _strong!)
            : throw new CorruptDeltaException($"The signature ends after {_received} of its {_length} bytes.");

    private void Header(ReadOnlySpan<byte> header)
    {
        if (BinaryPrimitives.ReadUInt32BigEndian(header) != Signature.Magic)
        {
            throw new CorruptDeltaException("The signature does not start with the RdiffSharp signature magic RSG1.");
        }
        uint blockSize = BinaryPrimitives.ReadUInt32BigEndian(header[4..]);
        long basisLength = BinaryPrimitives.ReadInt64BigEndian(header[8..]);
        if (blockSize is 0 or > 1 << 30 || basisLength < 0)
        {
            throw new CorruptDeltaException($"The signature has an impossible block size {blockSize} or basis length {basisLength}.");
        }
        long count = (basisLength + blockSize - 1) / blockSize;
        if (count > (_length - Signature.HeaderLength) / Signature.BlockRecordLength
            || Signature.HeaderLength + (count * Signature.BlockRecordLength) != _length)
        {
            throw new CorruptDeltaException($"The signature claims {count} blocks, which its {_length} bytes do not hold.");
        }
        _blockSize = (int)blockSize;
        _basisLength = basisLength;
        _seed = BinaryPrimitives.ReadUInt64BigEndian(header[16..]);
        _weak = new uint[count];
        _strong = new UInt128[count];
    }

    private void Record(ReadOnlySpan<byte> record)
    {
        _weak![_blocks] = BinaryPrimitives.ReadUInt32BigEndian(record);
        _strong![_blocks] = BinaryPrimitives.ReadUInt128BigEndian(record[4..]);
        _blocks++;
    }
}
