using System.Security.Cryptography;
using Microsoft.Win32.SafeHandles;
using RdiffCore.Model;

namespace RdiffCore.Restore;

/// <summary>Where a restore gets the bytes of a regular file as of its session: rebuilt here, or sent by the far side.</summary>
internal interface IRestoreData
{
    /// <summary>Writes the data of the file <paramref name="record"/> describes into <paramref name="outputFile"/> (new and empty).</summary>
    /// <returns>False when the data is lost (the file stays empty; the caller removes it).</returns>
    /// <param name="record">The file's metadata as of the session.</param>
    /// <param name="output">The path of <paramref name="outputFile"/>, removed if the data turns out damaged.</param>
    /// <param name="outputFile">The file to fill.</param>
    /// <param name="newTemp">Creates a file for an intermediate version, where the target side keeps them.</param>
    /// <param name="hash">Receives every byte written, if given.</param>
    bool Write(MetadataRecord record, byte[] output, SafeFileHandle outputFile, Func<(byte[] Path, SafeFileHandle File)> newTemp, IncrementalHash? hash);
}
