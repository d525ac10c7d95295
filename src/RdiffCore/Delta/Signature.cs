using System.Numerics;

namespace RdiffCore.Delta;

/// <summary>
/// RdiffSharp's signature of a basis file, for forward deltas over the ssh transport: per block a
/// RabinKarp sum (to find candidates) and a 128-bit XxHash128 keyed with a random seed (to accept
/// them). The seed is drawn when the signature is made, so no file can be crafted in advance to
/// collide; the receiver still checks the whole file's SHA-1.
/// </summary>
internal sealed class Signature
{
    /// <summary>"RSG1", big-endian: block length u32, basis length u64, seed u64, then per block u32 + 16 bytes.</summary>
    public const uint Magic = 0x52534731;
    public const int HeaderLength = 24;
    public const int BlockRecordLength = 20;

    public Signature(int blockSize, long basisLength, ulong seed, uint[] weak, UInt128[] strong)
    {
        BlockSize = blockSize;
        BasisLength = basisLength;
        Seed = seed;
        Weak = weak;
        Strong = strong;
    }

    public int BlockSize { get; }

    public long BasisLength { get; }

    public ulong Seed { get; }

    public uint[] Weak { get; }

    public UInt128[] Strong { get; }

    public int BlockCount => Weak.Length;

    /// <summary>The length of block <paramref name="block"/> (only the last may be short).</summary>
    public int BlockLength(int block) => (int)Math.Min(BlockSize, BasisLength - ((long)block * BlockSize));

    /// <summary>
    /// For the wire, where the signature and the literal data both cost: blocks of at most 1 KiB up to
    /// 1 GiB (so a small edit costs about its own size), and never more than 2^20 blocks.
    /// </summary>
    public static int ChooseWireBlockSize(long length) =>
        (int)Math.Clamp(BitOperations.RoundUpToPowerOf2((ulong)Math.Max((length + (1 << 20) - 1) >> 20, 1)), 512, 1 << 20);

    /// <summary>The most bytes a wire signature takes (header and 2^20 + 1 blocks).</summary>
    public const int MaxWireLength = HeaderLength + (((1 << 20) + 1) * BlockRecordLength);

    /// <summary>About √length, a power of two between 512 bytes and 1 MiB: signature size against delta size.</summary>
    public static int ChooseBlockSize(long length)
    {
        ulong root = (ulong)Math.Sqrt(Math.Max(length, 1));
        return (int)Math.Clamp(BitOperations.RoundUpToPowerOf2(root + 1) >> 1, 512, 1 << 20);
    }
}
