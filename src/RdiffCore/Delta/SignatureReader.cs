using System.Buffers.Binary;

namespace RdiffCore.Delta;

/// <summary>Reads a <see cref="Signature"/>, rejecting anything that does not add up.</summary>
internal static class SignatureReader
{
    public static Signature Read(Stream input)
    {
        Span<byte> header = stackalloc byte[Signature.HeaderLength];
        if (input.ReadAtLeast(header, header.Length, throwOnEndOfStream: false) < header.Length)
        {
            throw new CorruptDeltaException("The signature is too short to hold its header.");
        }
        if (BinaryPrimitives.ReadUInt32BigEndian(header) != Signature.Magic)
        {
            throw new CorruptDeltaException("The signature does not start with the RdiffSharp signature magic RSG1.");
        }
        uint blockSize = BinaryPrimitives.ReadUInt32BigEndian(header[4..]);
        long basisLength = BinaryPrimitives.ReadInt64BigEndian(header[8..]);
        ulong seed = BinaryPrimitives.ReadUInt64BigEndian(header[16..]);
        if (blockSize is 0 or > 1 << 30 || basisLength < 0)
        {
            throw new CorruptDeltaException($"The signature has an impossible block size {blockSize} or basis length {basisLength}.");
        }
        long count = (basisLength + blockSize - 1) / blockSize;
        if (count > Array.MaxLength || (input.CanSeek && count * Signature.BlockRecordLength != input.Length - input.Position))
        {
            throw new CorruptDeltaException($"The signature claims {count} blocks, more than it holds.");
        }
        var weak = new uint[count];
        var strong = new UInt128[count];
        Span<byte> record = stackalloc byte[Signature.BlockRecordLength];
        for (long i = 0; i < count; i++)
        {
            if (input.ReadAtLeast(record, record.Length, throwOnEndOfStream: false) < record.Length)
            {
                throw new CorruptDeltaException($"The signature ends after {i} of its {count} blocks.");
            }
            weak[i] = BinaryPrimitives.ReadUInt32BigEndian(record);
            strong[i] = BinaryPrimitives.ReadUInt128BigEndian(record[4..]);
        }
        if (input.ReadByte() >= 0)
        {
            throw new CorruptDeltaException("The signature has data after its last block.");
        }
        return new Signature((int)blockSize, basisLength, seed, weak, strong);
    }
}
