using System.Buffers;
using System.IO.Hashing;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace RdiffCore.Delta;

/// <summary>
/// The blocks of the new file, found by their RabinKarp sums while the old file is scanned.
/// A blocked Bloom filter (two bits in one 64-bit word, about 32 bits per block, at most 4 MiB) answers
/// "certainly not here" for almost every position of unrelated data without touching the table; the
/// table (open addressing, linear probing) keeps the first block of each sum, plus 32 bits of
/// XxHash3 of its bytes so that a candidate is read from disk only when it is almost surely right.
/// Memory is fixed when the index is made, whatever the file turns out to be; its arrays come from
/// the shared pool, because a backup makes one index per changed file. A local file's index holds at
/// most 3·2^18 blocks (its block size is chosen for that); a wire signature's, every block it has.
/// </summary>
internal sealed class BlockIndex : IDisposable
{
    // At most 3·2^18 blocks for a local file, so that its table never needs more than 2^20 slots.
    private const int MaxBlocks = 3 << 18;
    private const int MaxFilterWords = 1 << 19;

    private readonly uint[] _keys;
    private readonly int[] _blocks;
    private readonly uint[] _checks;
    private readonly ulong[] _filter;
    private readonly int _tableShift;
    private readonly int _filterShift;
    private readonly int _capacity;
    private readonly int _capacityLimit;
    private int _count;

    public BlockIndex(int blockSize, long expectedLength)
        : this(blockSize, expectedLength, MaxBlocks)
    {
    }

    /// <param name="blockSize">The block length.</param>
    /// <param name="expectedLength">The length of the file indexed.</param>
    /// <param name="maxBlocks">The most blocks kept; later ones are not indexed.</param>
    public BlockIndex(int blockSize, long expectedLength, int maxBlocks)
    {
        BlockSize = blockSize;
        long blocks = Math.Clamp(expectedLength / blockSize, 1, maxBlocks);
        // Load at most ¾: 3·2^18 blocks take 2^20 slots, a wire signature's 2^20 blocks 2^21.
        int capacity = (int)BitOperations.RoundUpToPowerOf2((ulong)((blocks * 4) + 2) / 3);
        _capacity = capacity;
        _keys = ArrayPool<uint>.Shared.Rent(capacity);
        Array.Clear(_keys, 0, capacity);
        _blocks = ArrayPool<int>.Shared.Rent(capacity);
        _checks = ArrayPool<uint>.Shared.Rent(capacity);
        _tableShift = 32 - BitOperations.Log2((uint)capacity);
        _capacityLimit = capacity / 4 * 3;
        int filterWords = (int)Math.Min(MaxFilterWords, BitOperations.RoundUpToPowerOf2((ulong)Math.Max(blocks / 2, 64)));
        _filter = ArrayPool<ulong>.Shared.Rent(filterWords);
        Array.Clear(_filter, 0, filterWords);
        _filterShift = 32 - BitOperations.Log2((uint)filterWords);
    }

    public int BlockSize { get; }

    public int Count => _count;

    /// <summary>Bytes held by the index, for memory accounting.</summary>
    public long MemoryBytes => (_capacity * 12L) + ((1L << (32 - _filterShift)) * 8L);

    /// <summary>
    /// The block size for a file: small files get small blocks; large ones at most about a million
    /// 786,432 blocks. Matches are extended byte by byte, so the block only sets the shortest moved run found.
    /// </summary>
    public static int ChooseBlockSize(long length)
    {
        if (length <= 4L << 20)
        {
            long root = (long)Math.Sqrt(Math.Max(length, 1));
            return (int)Math.Clamp(BitOperations.RoundUpToPowerOf2((ulong)root + 1) >> 1, 64, 2048);
        }
        long perBlock = (length + MaxBlocks - 1) / MaxBlocks;
        return (int)Math.Clamp((long)BitOperations.RoundUpToPowerOf2((ulong)perBlock), 2048, 1 << 20);
    }

    /// <summary>Adds block <paramref name="blockNumber"/> unless a block with the same sum is there.</summary>
    public void Add(uint key, uint check, long blockNumber)
    {
        if (_count >= _capacityLimit || blockNumber > int.MaxValue)
        {
            return;
        }
        uint stored = key == 0 ? 1 : key;
        int mask = _capacity - 1;
        for (int slot = Slot(stored); ; slot = (slot + 1) & mask)
        {
            uint existing = _keys[slot];
            if (existing == stored)
            {
                return;
            }
            if (existing == 0)
            {
                _keys[slot] = stored;
                _blocks[slot] = (int)blockNumber;
                _checks[slot] = check;
                _count++;
                _filter[FilterWord(key)] |= FilterBits(key);
                return;
            }
        }
    }

    /// <summary>False when no block has this sum; true when one may.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool MightContain(uint key)
    {
        ulong bits = FilterBits(key);
        return (_filter[FilterWord(key)] & bits) == bits;
    }

    /// <summary>The first of positions from, from + stride, … whose sum may be indexed, or -1.</summary>
    public int FirstCandidate(ReadOnlySpan<uint> sums, int from, int stride)
    {
        ulong[] filter = _filter;
        int shift = _filterShift;
        for (int i = from; i < sums.Length; i += stride)
        {
            uint key = sums[i];
            ulong bits = FilterBits(key);
            if ((filter[(int)((key * 0x85EBCA6Bu) >> shift)] & bits) == bits)
            {
                return i;
            }
        }
        return -1;
    }

    /// <summary>The first block added with sum <paramref name="key"/>, and the check it was added with.</summary>
    public bool TryFind(uint key, out long block, out uint check)
    {
        uint stored = key == 0 ? 1 : key;
        int mask = _capacity - 1;
        for (int slot = Slot(stored); ; slot = (slot + 1) & mask)
        {
            uint existing = _keys[slot];
            if (existing == stored)
            {
                block = _blocks[slot];
                check = _checks[slot];
                return true;
            }
            if (existing == 0)
            {
                block = -1;
                check = 0;
                return false;
            }
        }
    }

    public void Dispose()
    {
        ArrayPool<uint>.Shared.Return(_keys);
        ArrayPool<int>.Shared.Return(_blocks);
        ArrayPool<uint>.Shared.Return(_checks);
        ArrayPool<ulong>.Shared.Return(_filter);
    }

    /// <summary>The check of a block's bytes, for indexes of local files.</summary>
    public static uint Check(ReadOnlySpan<byte> block) => (uint)XxHash3.HashToUInt64(block);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Slot(uint key) => (int)((key * 0x9E3779B1u) >> _tableShift);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int FilterWord(uint key) => (int)((key * 0x85EBCA6Bu) >> _filterShift);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong FilterBits(uint key) => (1UL << (int)(key >> 26)) | (1UL << (int)((key >> 20) & 63));
}
