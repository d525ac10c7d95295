using Microsoft.Win32.SafeHandles;

namespace RdiffCore.Delta;

/// <summary>Positional reads that must fill their buffer: a file that ends early changed under us.</summary>
internal static class ExactRead
{
    public static void Fill(SafeFileHandle file, Span<byte> buffer, long offset)
    {
        int have = 0;
        while (have < buffer.Length)
        {
            int got = RandomAccess.Read(file, buffer[have..], offset + have);
            if (got == 0)
            {
                throw new IOException($"A file shrank while being read (wanted {buffer.Length} bytes at offset {offset}); was it changed during the backup?");
            }
            have += got;
        }
    }
}
