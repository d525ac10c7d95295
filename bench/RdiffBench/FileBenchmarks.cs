using BenchmarkDotNet.Attributes;
using Microsoft.Win32.SafeHandles;
using RdiffCore.Delta;

namespace RdiffBench;

/// <summary>Whole reverse deltas and patches on a 64 MiB pair in a temp directory (page cache warm).</summary>
[MemoryDiagnoser]
public class FileBenchmarks
{
    private const int Size = 64 << 20;
    private string _directory = "";
    private string _old = "", _similar = "", _different = "", _copy = "", _delta = "", _restored = "";

    [GlobalSetup]
    public void Setup()
    {
        _directory = Directory.CreateTempSubdirectory("rdiffbench-").FullName;
        var random = new Random(42);
        byte[] data = new byte[Size];
        random.NextBytes(data);
        _old = Write("old.bin", data);
        for (int i = 0; i < 10; i++)
        {
            random.NextBytes(data.AsSpan(random.Next(Size - 1024), 1024));
        }
        _similar = Write("similar.bin", data);
        random.NextBytes(data);
        _different = Write("different.bin", data);
        _copy = Path.Combine(_directory, "copy.bin");
        _delta = Path.Combine(_directory, "delta");
        _restored = Path.Combine(_directory, "restored.bin");
        Reverse(_similar);
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_directory, recursive: true);

    [Benchmark(Description = "reverse delta, 10 edits (64 MiB)")]
    public long ReverseSimilar() => Reverse(_similar);

    [Benchmark(Description = "reverse delta, unrelated files (64 MiB)")]
    public long ReverseDifferent() => Reverse(_different);

    [Benchmark(Description = "patch (64 MiB)")]
    public long Patch()
    {
        if (File.Exists(_restored))
        {
            File.Delete(_restored);
        }
        return Patcher.PatchFile(_copy, _delta, _restored).OutputBytes;
    }

    private long Reverse(string newPath)
    {
        File.Delete(_copy);
        using var source = new FileStream(newPath, FileMode.Open, FileAccess.Read, FileShare.Read, 0);
        using SafeFileHandle copy = File.OpenHandle(_copy, FileMode.CreateNew, FileAccess.ReadWrite);
        using SafeFileHandle old = File.OpenHandle(_old, FileMode.Open, FileAccess.Read);
        using var delta = new FileStream(_delta, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        return ReverseDelta.Write(source, copy, old, delta).Delta.DeltaBytes;
    }

    private string Write(string name, byte[] data)
    {
        string path = Path.Combine(_directory, name);
        File.WriteAllBytes(path, data);
        return path;
    }
}
