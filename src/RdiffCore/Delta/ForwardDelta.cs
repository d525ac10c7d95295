using System.IO.Hashing;

namespace RdiffCore.Delta;

/// <summary>
/// The delta of new data against a <see cref="Signature"/> of a basis that is somewhere else (the
/// ssh transport's source side). The basis bytes are not here to compare, so a candidate block is
/// accepted when its RabinKarp sum and its keyed 128-bit hash both agree. The block after the last
/// match is tried first, so runs stay one COPY.
/// </summary>
internal static class ForwardDelta
{
    public static DeltaStats Write(Signature signature, Stream newData, Stream output)
    {
        var writer = new DeltaWriter(output);
        int b = signature.BlockSize;
        long seed = (long)signature.Seed;
        int fullBlocks = (int)(signature.BasisLength / b);
        int lastLength = (int)(signature.BasisLength % b);
        // Every block: one the index left out could only be found right after the block before it.
        using var index = new BlockIndex(b, signature.BasisLength, Math.Max(fullBlocks, 1));
        for (int k = 0; k < fullBlocks; k++)
        {
            index.Add(signature.Weak[k], (uint)signature.Strong[k], k);
        }
        uint power = RabinKarp.Power(b);
        byte[] buffer = new byte[Math.Max(4 << 20, 4 * b)];
        int start = 0, pos = 0, end = 0;
        bool atEnd = false, hashValid = false;
        uint hash = 0;
        long expected = -1;
        while (true)
        {
            if (end - pos < b && !atEnd)
            {
                writer.Literal(buffer.AsSpan(start, pos - start));
                buffer.AsSpan(pos, end - pos).CopyTo(buffer);
                end -= pos;
                start = pos = 0;
                int got = newData.ReadAtLeast(buffer.AsSpan(end), buffer.Length - end, throwOnEndOfStream: false);
                end += got;
                atEnd = end < buffer.Length;
            }
            if (end - pos < b)
            {
                break;
            }
            ReadOnlySpan<byte> window = buffer.AsSpan(pos, b);
            if (!hashValid)
            {
                hash = RabinKarp.Hash(window);
                hashValid = true;
            }
            long block = -1;
            if (expected >= 0 && expected < fullBlocks && signature.Weak[expected] == hash
                && XxHash128.HashToUInt128(window, seed) == signature.Strong[expected])
            {
                block = expected;
            }
            else if (index.MightContain(hash) && index.TryFind(hash, out long candidate, out uint check))
            {
                UInt128 strong = XxHash128.HashToUInt128(window, seed);
                if ((uint)strong == check && strong == signature.Strong[candidate])
                {
                    block = candidate;
                }
            }
            if (block >= 0)
            {
                writer.Literal(buffer.AsSpan(start, pos - start));
                writer.Copy(block * b, b);
                pos += b;
                start = pos;
                hashValid = false;
                expected = block + 1;
                continue;
            }
            if (pos + b < end)
            {
                hash = RabinKarp.Roll(hash, buffer[pos], buffer[pos + b], power);
            }
            else
            {
                hashValid = false;
            }
            pos++;
        }
        // The basis's short last block can only match the very end of the new data.
        int tail = end;
        if (lastLength > 0 && end - start >= lastLength)
        {
            ReadOnlySpan<byte> last = buffer.AsSpan(end - lastLength, lastLength);
            if (RabinKarp.Hash(last) == signature.Weak[fullBlocks] && XxHash128.HashToUInt128(last, seed) == signature.Strong[fullBlocks])
            {
                tail = end - lastLength;
            }
        }
        writer.Literal(buffer.AsSpan(start, tail - start));
        if (tail < end)
        {
            writer.Copy((long)fullBlocks * b, lastLength);
        }
        return writer.Finish();
    }
}
