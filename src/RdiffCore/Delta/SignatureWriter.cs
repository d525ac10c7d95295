using System.Buffers;
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

    /// <summary>
    /// Writes the signature of the first <paramref name="length"/> bytes of <paramref name="basis"/>
    /// while reading them, one buffer at a time: a 1 GiB basis's 20 MiB signature is never held
    /// whole. If the basis ends early, only its whole blocks are signed and the caller pads the
    /// records the header announced.
    /// </summary>
    public static void WriteStreamed(Stream basis, long length, int blockSize, Stream output)
    {
        ulong key = BinaryPrimitives.ReadUInt64LittleEndian(RandomNumberGenerator.GetBytes(8));
        WriteHeader(blockSize, length, key, output);
        int bufferLength = Math.Max(blockSize, 1 << 20) / blockSize * blockSize;
        byte[] buffer = ArrayPool<byte>.Shared.Rent(bufferLength);
        byte[] records = ArrayPool<byte>.Shared.Rent(bufferLength / blockSize * Signature.BlockRecordLength);
        try
        {
            for (long left = length; left > 0;)
            {
                int want = (int)Math.Min(bufferLength, left);
                int got = basis.ReadAtLeast(buffer.AsSpan(0, want), want, throwOnEndOfStream: false);
                int signed = got == want ? got : got - (got % blockSize);
                int written = 0;
                for (int at = 0; at < signed; at += blockSize)
                {
                    ReadOnlySpan<byte> block = buffer.AsSpan(at, Math.Min(blockSize, signed - at));
                    Span<byte> record = records.AsSpan(written, Signature.BlockRecordLength);
                    BinaryPrimitives.WriteUInt32BigEndian(record, RabinKarp.Hash(block));
                    BinaryPrimitives.WriteUInt128BigEndian(record[4..], XxHash128.HashToUInt128(block, (long)key));
                    written += Signature.BlockRecordLength;
                }
                output.Write(records.AsSpan(0, written));
                if (got < want)
                {
                    return;
                }
                left -= got;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            ArrayPool<byte>.Shared.Return(records);
        }
    }

    public static void WriteTo(Signature signature, Stream output)
    {
        WriteHeader(signature.BlockSize, signature.BasisLength, signature.Seed, output);
        Span<byte> record = stackalloc byte[Signature.BlockRecordLength];
        for (int i = 0; i < signature.BlockCount; i++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(record, signature.Weak[i]);
            BinaryPrimitives.WriteUInt128BigEndian(record[4..], signature.Strong[i]);
            output.Write(record);
        }
    }

    private static void WriteHeader(int blockSize, long basisLength, ulong seed, Stream output)
    {
        Span<byte> header = stackalloc byte[Signature.HeaderLength];
        BinaryPrimitives.WriteUInt32BigEndian(header, Signature.Magic);
        BinaryPrimitives.WriteUInt32BigEndian(header[4..], (uint)blockSize);
        BinaryPrimitives.WriteInt64BigEndian(header[8..], basisLength);
        BinaryPrimitives.WriteUInt64BigEndian(header[16..], seed);
        output.Write(header);
    }
}
