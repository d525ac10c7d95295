using System.Buffers.Binary;
using System.IO.Hashing;
using System.Security.Cryptography;

namespace RdiffCore.Delta;

/// <summary>Makes and writes the <see cref="Signature"/> of a basis read as a stream.</summary>
internal static class SignatureWriter
{
    /// <summary>Reads <paramref name="basis"/> to its end and writes its signature to <paramref name="output"/>.</summary>
    public static Signature Write(Stream basis, Stream output, long? lengthHint = null, ulong? seed = null)
    {
        Signature signature = Compute(basis, lengthHint, seed);
        WriteTo(signature, output);
        return signature;
    }

    public static Signature Compute(Stream basis, long? lengthHint = null, ulong? seed = null, int? blockSize = null)
    {
        long hint = lengthHint ?? (basis.CanSeek ? basis.Length - basis.Position : 0);
        int size = blockSize ?? Signature.ChooseBlockSize(hint);
        ulong key = seed ?? BinaryPrimitives.ReadUInt64LittleEndian(RandomNumberGenerator.GetBytes(8));
        var weak = new List<uint>();
        var strong = new List<UInt128>();
        byte[] buffer = new byte[Math.Max(size, 1 << 20) / size * size];
        long length = 0;
        while (true)
        {
            int got = basis.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
            for (int at = 0; at < got; at += size)
            {
                ReadOnlySpan<byte> block = buffer.AsSpan(at, Math.Min(size, got - at));
                weak.Add(RabinKarp.Hash(block));
                strong.Add(XxHash128.HashToUInt128(block, (long)key));
            }
            length += got;
            if (got < buffer.Length)
            {
                break;
            }
        }
        return new Signature(size, length, key, [.. weak], [.. strong]);
    }

    public static void WriteTo(Signature signature, Stream output)
    {
        Span<byte> header = stackalloc byte[Signature.HeaderLength];
        BinaryPrimitives.WriteUInt32BigEndian(header, Signature.Magic);
        BinaryPrimitives.WriteUInt32BigEndian(header[4..], (uint)signature.BlockSize);
        BinaryPrimitives.WriteInt64BigEndian(header[8..], signature.BasisLength);
        BinaryPrimitives.WriteUInt64BigEndian(header[16..], signature.Seed);
        output.Write(header);
        Span<byte> record = stackalloc byte[Signature.BlockRecordLength];
        for (int i = 0; i < signature.BlockCount; i++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(record, signature.Weak[i]);
            BinaryPrimitives.WriteUInt128BigEndian(record[4..], signature.Strong[i]);
            output.Write(record);
        }
    }
}
