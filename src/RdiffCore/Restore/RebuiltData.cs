using System.Security.Cryptography;
using Microsoft.Win32.SafeHandles;
using RdiffCore.Model;

namespace RdiffCore.Restore;

/// <summary>File data rebuilt on this machine from the mirror and the reverse deltas, as of one session.</summary>
internal sealed class RebuiltData(Reconstructor reconstructor, long session) : IRestoreData
{
    public bool Write(MetadataRecord record, byte[] output, SafeFileHandle outputFile, Func<(byte[] Path, SafeFileHandle File)> newTemp, IncrementalHash? hash) =>
        reconstructor.Write(record, session, output, outputFile, newTemp, hash);
}
