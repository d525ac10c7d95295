using BenchmarkDotNet.Attributes;
using RdiffCore.Delta;

namespace RdiffBench;

/// <summary>
/// The delta engine's per-byte loops on 16 MiB of random data in memory: indexing blocks (the copy
/// phase's second core), rolling sums, and the filter test (the scan of unrelated data).
/// </summary>
[MemoryDiagnoser]
public sealed class InnerLoopBenchmarks : IDisposable
{
    private const int Size = 16 << 20;
    private const int Block = 2048;
    private byte[] _data = [];
    private uint[] _sums = [];
    private uint[] _outgoing = [];
    private BlockIndex _index = null!;

    [GlobalSetup]
    public void Setup()
    {
        _data = new byte[Size + Block];
        new Random(42).NextBytes(_data);
        _sums = new uint[16384];
        _outgoing = RabinKarp.OutgoingTable(Block);
        // An index as large as a 1 GiB file's, holding keys unrelated to the data.
        _index = new BlockIndex(Block, 1L << 30);
        var random = new Random(7);
        for (int i = 0; i < (1 << 30) / Block; i++)
        {
            _index.Add((uint)random.Next(), 0, i);
        }
    }

    [GlobalCleanup]
    public void Dispose() => _index?.Dispose();

    [Benchmark(Description = "block sums, 2 KiB blocks (16 MiB)")]
    public uint BlockSums()
    {
        uint total = 0;
        for (int at = 0; at < Size; at += Block)
        {
            total += RabinKarp.Hash(_data.AsSpan(at, Block));
        }
        return total;
    }

    [Benchmark(Description = "block checks, XxHash3 (16 MiB)")]
    public uint BlockChecks()
    {
        uint total = 0;
        for (int at = 0; at < Size; at += Block)
        {
            total += BlockIndex.Check(_data.AsSpan(at, Block));
        }
        return total;
    }

    [Benchmark(Description = "rolling sums at every position (16 MiB)")]
    public uint RollingSums()
    {
        uint total = 0;
        for (int at = 0; at + _sums.Length <= Size; at += _sums.Length)
        {
            RabinKarp.RollMany(_data.AsSpan(at, _sums.Length + Block - 1), Block, _outgoing, _sums);
            total += _sums[^1];
        }
        return total;
    }

    [Benchmark(Description = "filter test at every position (16 MiB)")]
    public int FilterEveryPosition() => Filter(1);

    [Benchmark(Description = "filter test at every fifth position (16 MiB)")]
    public int FilterSparse() => Filter(5);

    private int Filter(int stride)
    {
        int hits = 0;
        for (int at = 0; at + _sums.Length <= Size; at += _sums.Length)
        {
            RabinKarp.RollMany(_data.AsSpan(at, _sums.Length + Block - 1), Block, _outgoing, _sums);
            for (int hit = _index.FirstCandidate(_sums, 0, stride); hit >= 0; hit = _index.FirstCandidate(_sums, hit + stride, stride))
            {
                hits++;
            }
        }
        return hits;
    }
}
