using Microsoft.Win32.SafeHandles;

namespace RdiffCore.Delta;

/// <summary>
/// Applies a librsync delta to a basis file: LITERAL bytes come from the delta, COPY ranges from the
/// basis. Output is gathered in one large buffer that COPYs read straight into, so a patch costs
/// about as much as a file copy.
/// </summary>
internal static class Patcher
{
    private const int BufferSize = 1 << 20;

    /// <summary>Applies <paramref name="delta"/> to <paramref name="basis"/>, writing the result to <paramref name="output"/>.</summary>
    public static DeltaStats Apply(SafeFileHandle basis, Stream delta, PatchOutput output)
    {
        long basisLength = RandomAccess.GetLength(basis);
        var reader = new DeltaReader(delta);
        byte[] buffer = new byte[BufferSize];
        int fill = 0;
        long literalCommands = 0, literalBytes = 0, copyCommands = 0, copyBytes = 0;
        while (true)
        {
            DeltaCommand command = reader.Next();
            if (command.Kind == DeltaCommandKind.End)
            {
                break;
            }
            long remaining = command.Length;
            if (command.Kind == DeltaCommandKind.Copy)
            {
                if (command.Position >= basisLength || command.Length > basisLength - command.Position)
                {
                    throw new CorruptDeltaException(
                        $"The delta copies bytes {command.Position}..{command.Position + command.Length} of a basis of {basisLength} bytes (wrong basis file?).");
                }
                long from = command.Position;
                while (remaining > 0)
                {
                    int take = (int)Math.Min(remaining, buffer.Length - fill);
                    int got = RandomAccess.Read(basis, buffer.AsSpan(fill, take), from);
                    if (got == 0)
                    {
                        throw new CorruptDeltaException($"The basis ended at {from} while the delta copies up to {command.Position + command.Length} (was it changed during the patch?).");
                    }
                    fill += got;
                    from += got;
                    remaining -= got;
                    Drain(output, buffer, ref fill);
                }
                copyCommands++;
                copyBytes += command.Length;
            }
            else
            {
                while (remaining > 0)
                {
                    int got = reader.ReadLiteral(buffer.AsSpan(fill, (int)Math.Min(remaining, buffer.Length - fill)));
                    fill += got;
                    remaining -= got;
                    Drain(output, buffer, ref fill);
                }
                literalCommands++;
                literalBytes += command.Length;
            }
        }
        output.Write(buffer.AsSpan(0, fill));
        output.Complete();
        return new DeltaStats(literalCommands, literalBytes, copyCommands, copyBytes, reader.Offset);
    }

    /// <summary>
    /// Patches files by path: the result appears at <paramref name="outputPath"/> only if the whole
    /// delta applied; otherwise nothing is left there. A gzip-compressed delta (.diff.gz) is accepted.
    /// </summary>
    public static DeltaStats PatchFile(string basisPath, string deltaPath, string outputPath)
    {
        string directory = Path.GetDirectoryName(Path.GetFullPath(outputPath))!;
        string temporary = Path.Combine(directory, $".{Path.GetFileName(outputPath)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            DeltaStats stats;
            using (SafeFileHandle basis = File.OpenHandle(basisPath, FileMode.Open, FileAccess.Read))
            using (Stream delta = OpenDelta(deltaPath))
            using (SafeFileHandle result = File.OpenHandle(temporary, FileMode.CreateNew, FileAccess.ReadWrite))
            {
                // Durability is the caller's: a backup batches it (one syncfs per batch), a restore needs none.
                stats = Apply(basis, delta, PatchOutput.ToNewFile(result));
            }
            File.Move(temporary, outputPath, overwrite: true);
            return stats;
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    /// <summary>Opens a delta file, looking through gzip compression if it has any.</summary>
    public static Stream OpenDelta(string path)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        Span<byte> head = stackalloc byte[2];
        int got = file.ReadAtLeast(head, 2, throwOnEndOfStream: false);
        file.Position = 0;
        return got == 2 && head[0] == 0x1f && head[1] == 0x8b ? new RdiffCore.Storage.VerifiedGzipStream(file) : file;
    }

    private static void Drain(PatchOutput output, byte[] buffer, ref int fill)
    {
        if (fill == buffer.Length)
        {
            output.Write(buffer);
            fill = 0;
        }
    }
}
