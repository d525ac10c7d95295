using System.Security.Cryptography;
using Microsoft.Win32.SafeHandles;
using RdiffCore.Delta;
using RdiffCore.Increments;
using RdiffCore.Model;
using RdiffCore.Platform.Posix;
using RdiffCore.Storage;

namespace RdiffCore.Restore;

/// <summary>
/// Rebuilds a regular file as of a session (rdiff-backup-format.md §4.1 step 3): a base (the mirror
/// file or a snapshot increment), then the reverse deltas from the newest to the oldest.
/// </summary>
/// <param name="layout">The repository, read through its tree.</param>
/// <param name="increments">The increments of each path.</param>
/// <param name="mirrorTime">The newest session (whose state the mirror holds).</param>
/// <param name="outputTree">The tree the rebuilt files and intermediate versions are written in (a restore target, or the mirror for a regress).</param>
internal sealed class Reconstructor(RepositoryLayout layout, IncrementIndex increments, long mirrorTime, RootedTree outputTree)
{
    /// <summary>Writes the file <paramref name="record"/> describes, as of <paramref name="time"/>, into the new file <paramref name="output"/>.</summary>
    /// <returns>False when the data is lost (the chain ends in a .missing or .dir increment); an empty file is written.</returns>
    /// <param name="record">The file's metadata as of the session.</param>
    /// <param name="time">The session.</param>
    /// <param name="output">The new file to write.</param>
    /// <param name="tempName">Names for intermediate versions.</param>
    /// <param name="hash">Receives every byte of the final output, if given (to check it against the recorded SHA-1).</param>
    public bool Write(MetadataRecord record, long time, byte[] output, Func<byte[]> tempName, IncrementalHash? hash = null)
    {
        List<IncrementFile> chain = time >= mirrorTime ? [] : Chain(increments.For(record), time);
        bool fromMirror = chain.Count == 0 || chain[^1].Name.Type == IncrementType.Diff;
        if (!fromMirror && chain[^1].Name.Type is IncrementType.Missing or IncrementType.Dir)
        {
            outputTree.CreateNew(output, 0b110_000_000).Dispose();
            return false;
        }
        List<IncrementFile> diffs = fromMirror ? chain : chain[..^1];
        byte[] basis = fromMirror ? layout.MirrorPath(record) : chain[^1].Path;
        bool basisCompressed = !fromMirror && chain[^1].Name.Compressed;
        if (diffs.Count == 0)
        {
            Copy(basis, basisCompressed, output, hash);
            return true;
        }
        byte[]? ownedBasis = null;
        if (basisCompressed)
        {
            ownedBasis = tempName();
            Copy(basis, compressed: true, ownedBasis);
            basis = ownedBasis;
        }
        try
        {
            for (int i = diffs.Count - 1; i >= 0; i--)
            {
                byte[] next = i == 0 ? output : tempName();
                Patch(basis, diffs[i], next, i == 0 ? hash : null);
                if (ownedBasis is not null)
                {
                    outputTree.Unlink(ownedBasis);
                }
                ownedBasis = i == 0 ? null : next;
                basis = next;
            }
        }
        finally
        {
            if (ownedBasis is not null)
            {
                outputTree.UnlinkIfPresent(ownedBasis);
            }
        }
        return true;
    }

    /// <summary>The increments with time ≥ T, oldest first, up to and including the first that is not a diff.</summary>
    internal static List<IncrementFile> Chain(IReadOnlyList<IncrementFile> all, long time)
    {
        var chain = new List<IncrementFile>();
        foreach (IncrementFile file in all)
        {
            if (file.Name.Time < time)
            {
                continue;
            }
            chain.Add(file);
            if (file.Name.Type != IncrementType.Diff)
            {
                break;
            }
        }
        return chain;
    }

    private void Patch(byte[] basis, IncrementFile diff, byte[] output, IncrementalHash? hash)
    {
        using SafeFileHandle basisFile = Read(basis);
        using Stream raw = new FileStream(layout.Tree.OpenRead(diff.Path), FileAccess.Read, 1 << 16);
        using Stream delta = diff.Name.Compressed ? new VerifiedGzipStream(raw) : raw;
        using SafeFileHandle target = outputTree.CreateNew(output, 0b110_000_000);
        try
        {
            PatchOutput patched = PatchOutput.ToNewFile(target, hash);
            Patcher.Apply(basisFile, delta, patched);
        }
        catch (Exception e) when (e is CorruptDeltaException or InvalidDataException or IOException)
        {
            target.Dispose();
            outputTree.Unlink(output);
            throw new CorruptDeltaException($"increment '{RepositoryPreparer.Show(diff.Path)}' is damaged ({e.Message}); this version of the file cannot be rebuilt");
        }
    }

    private void Copy(byte[] from, bool compressed, byte[] to, IncrementalHash? hash = null)
    {
        using Stream raw = new FileStream(Read(from), FileAccess.Read, 1 << 16);
        using Stream input = compressed ? new VerifiedGzipStream(raw) : raw;
        using SafeFileHandle target = outputTree.CreateNew(to, 0b110_000_000);
        try
        {
            PatchOutput.ToNewFile(target, hash).CopyFrom(input);
        }
        catch (InvalidDataException e)
        {
            target.Dispose();
            outputTree.Unlink(to);
            throw new CorruptDeltaException($"increment '{RepositoryPreparer.Show(from)}' is damaged ({e.Message}); this version of the file cannot be rebuilt");
        }
    }

    /// <summary>A basis is a mirror file or increment (the repository's tree) or an intermediate version (the output's).</summary>
    private SafeFileHandle Read(byte[] path) => layout.Tree.Contains(path) ? layout.Tree.OpenRead(path) : outputTree.OpenRead(path);
}
