using System.Diagnostics;
using Microsoft.Win32.SafeHandles;
using RdiffCore.Delta;

namespace RdiffFiles;

/// <summary>Whole-file operations of the delta engine, timed one per process.</summary>
internal static class FileCommands
{
    private const string Usage = """
        usage: RdiffFiles reverse NEW OLD NEW_COPY DELTA [workers]   copy NEW, write the delta NEW -> OLD
               RdiffFiles patch BASIS DELTA OUT                      apply a librsync delta
               RdiffFiles signature BASIS SIGNATURE                  RdiffSharp signature (XxHash128 blocks)
               RdiffFiles delta SIGNATURE NEW DELTA                  forward delta against a signature
        """;

    public static int Run(string[] args)
    {
        var clock = Stopwatch.StartNew();
        string summary;
        switch (args.Length > 0 ? args[0] : "")
        {
            case "reverse" when args.Length is 5 or 6:
                summary = Reverse(args[1], args[2], args[3], args[4], args.Length == 6 ? int.Parse(args[5], System.Globalization.CultureInfo.InvariantCulture) : Environment.ProcessorCount);
                break;
            case "patch" when args.Length == 4:
                summary = Describe(Patcher.PatchFile(args[1], args[2], args[3]));
                break;
            case "signature" when args.Length == 3:
                summary = Signature(args[1], args[2]);
                break;
            case "delta" when args.Length == 4:
                summary = Forward(args[1], args[2], args[3]);
                break;
            default:
                Console.Error.WriteLine(Usage);
                return 2;
        }
        GCMemoryInfo heap = GC.GetGCMemoryInfo();
        Console.WriteLine($"{args[0]}: {clock.Elapsed.TotalSeconds:F3} s; {summary}; peak RSS {Process.GetCurrentProcess().PeakWorkingSet64 >> 20} MiB, managed heap {heap.TotalCommittedBytes >> 20} MiB committed");
        return 0;
    }

    private static string Reverse(string newPath, string oldPath, string copyPath, string deltaPath, int workers)
    {
        using var source = new FileStream(newPath, FileMode.Open, FileAccess.Read, FileShare.Read, 0);
        // A fresh file, as a backup's temp mirror file is: truncating one on ext4 makes close flush it.
        File.Delete(copyPath);
        using SafeFileHandle copy = File.OpenHandle(copyPath, FileMode.CreateNew, FileAccess.ReadWrite);
        using SafeFileHandle old = File.OpenHandle(oldPath, FileMode.Open, FileAccess.Read);
        using var delta = new FileStream(deltaPath, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        ReverseDeltaResult result = ReverseDelta.Write(source, copy, old, delta, new ReverseDeltaOptions { Workers = workers });
        return $"block {result.BlockSize}; {Describe(result.Delta)}";
    }

    private static string Signature(string basisPath, string signaturePath)
    {
        using var basis = new FileStream(basisPath, FileMode.Open, FileAccess.Read, FileShare.Read, 0);
        using var output = new FileStream(signaturePath, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        Signature signature = SignatureWriter.Write(basis, output);
        return $"block {signature.BlockSize}, {signature.BlockCount} blocks";
    }

    private static string Forward(string signaturePath, string newPath, string deltaPath)
    {
        Signature signature;
        using (var input = new FileStream(signaturePath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16))
        {
            signature = SignatureReader.Read(input);
        }
        using var source = new FileStream(newPath, FileMode.Open, FileAccess.Read, FileShare.Read, 0);
        using var delta = new FileStream(deltaPath, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        return Describe(ForwardDelta.Write(signature, source, delta));
    }

    private static string Describe(DeltaStats stats) =>
        $"delta {stats.DeltaBytes} B: {stats.LiteralCommands} literals ({stats.LiteralBytes} B), {stats.CopyCommands} copies ({stats.CopyBytes} B)";
}
