using System.Security.Cryptography;
using Microsoft.Win32.SafeHandles;
using RdiffCore.Delta;
using RdiffCore.Increments;
using RdiffCore.Model;
using RdiffCore.Platform.Posix;
using RdiffCore.Storage;

namespace RdiffCore.Restore;

/// <summary>
/// Rebuilds a regular file as of a session (format.md §4.1 step 3): a base (the mirror
/// file or a snapshot increment), then the reverse deltas from the newest to the oldest.
/// </summary>
/// <param name="layout">The repository, read through its tree.</param>
/// <param name="increments">The increments of each path.</param>
/// <param name="mirrorTime">The newest session (whose state the mirror holds).</param>
/// <param name="outputTree">The tree the rebuilt files are in (a restore target, the mirror for a regress, a scratch directory).</param>
/// <param name="scratchTree">The tree the intermediate versions are in, when not <paramref name="outputTree"/> (a restore with --tempdir).</param>
internal sealed class Reconstructor(RepositoryLayout layout, IncrementIndex increments, long mirrorTime, RootedTree outputTree, RootedTree? scratchTree = null)
{
    private readonly RootedTree _scratch = scratchTree ?? outputTree;

    /// <summary>The tree the rebuilt files are written in.</summary>
    public RootedTree OutputTree => outputTree;

    /// <summary>Writes the file <paramref name="record"/> describes, as of <paramref name="time"/>, into <paramref name="outputFile"/>.</summary>
    /// <returns>False when the data is lost (the chain ends in a .missing or .dir increment); the file stays empty.</returns>
    /// <param name="record">The file's metadata as of the session.</param>
    /// <param name="time">The session.</param>
    /// <param name="output">The path of <paramref name="outputFile"/>, removed if an increment turns out damaged.</param>
    /// <param name="outputFile">The new, empty file the caller created; the caller closes it.</param>
    /// <param name="newTemp">Creates a new file for an intermediate version in the scratch tree (under a name no one else has).</param>
    /// <param name="hash">Receives every byte of the final output, if given (to check it against the recorded SHA-1).</param>
    public bool Write(MetadataRecord record, long time, byte[] output, SafeFileHandle outputFile, Func<(byte[] Path, SafeFileHandle File)> newTemp,
        IncrementalHash? hash = null)
    {
        List<IncrementFile> chain = time >= mirrorTime ? [] : Chain(increments.For(record), time);
        bool fromMirror = chain.Count == 0 || chain[^1].Name.Type == IncrementType.Diff;
        if (!fromMirror && chain[^1].Name.Type is IncrementType.Missing or IncrementType.Dir)
        {
            return false;
        }
        List<IncrementFile> diffs = fromMirror ? chain : chain[..^1];
        byte[] basis = fromMirror ? layout.MirrorPath(record) : chain[^1].Path;
        bool basisCompressed = !fromMirror && chain[^1].Name.Compressed;
        if (diffs.Count == 0)
        {
            try
            {
                Copy(basis, basisCompressed, outputFile, hash);
            }
            catch (CorruptDeltaException)
            {
                outputFile.Dispose();
                outputTree.Unlink(output);
                throw;
            }
            return true;
        }
        // Only intermediate files this call created are removed here: the basis in use and the one being written.
        byte[]? ownedBasis = null, writing = null;
        try
        {
            if (basisCompressed)
            {
                (ownedBasis, SafeFileHandle file) = newTemp();
                using (file)
                {
                    Copy(basis, compressed: true, file);
                }
                basis = ownedBasis;
            }
            for (int i = diffs.Count - 1; i >= 0; i--)
            {
                if (i == 0)
                {
                    Patch(basis, diffs[i], outputFile, outputTree, output, hash);
                }
                else
                {
                    (writing, SafeFileHandle file) = newTemp();
                    using (file)
                    {
                        Patch(basis, diffs[i], file, _scratch, writing, null);
                    }
                }
                if (ownedBasis is not null)
                {
                    _scratch.Unlink(ownedBasis);
                }
                (ownedBasis, writing) = (writing, null);
                basis = ownedBasis ?? output;
            }
        }
        finally
        {
            foreach (byte[]? owned in (byte[]?[])[ownedBasis, writing])
            {
                if (owned is not null)
                {
                    _scratch.UnlinkIfPresent(owned);
                }
            }
        }
        return true;
    }

    /// <summary>
    /// The file as of <paramref name="time"/> when no delta has to be applied to get it: the mirror
    /// file itself, or a snapshot increment (decompressed as it is read). Null when it must be
    /// rebuilt with <see cref="Write"/>, or is lost.
    /// </summary>
    public Stream? OpenAsIs(MetadataRecord record, long time)
    {
        List<IncrementFile> chain = time >= mirrorTime ? [] : Chain(increments.For(record), time);
        if (chain.Count == 0)
        {
            return new FileStream(layout.Tree.OpenRead(layout.MirrorPath(record)), FileAccess.Read, 1 << 16);
        }
        if (chain is not [{ Name.Type: IncrementType.Snapshot } snapshot])
        {
            return null;
        }
        Stream raw = new FileStream(layout.Tree.OpenRead(snapshot.Path), FileAccess.Read, 1 << 16);
        return snapshot.Name.Compressed ? new VerifiedGzipStream(raw) : raw;
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

    private void Patch(byte[] basis, IncrementFile diff, SafeFileHandle target, RootedTree targetTree, byte[] output, IncrementalHash? hash)
    {
        using SafeFileHandle basisFile = Read(basis);
        using Stream raw = new FileStream(layout.Tree.OpenRead(diff.Path), FileAccess.Read, 1 << 16);
        using Stream delta = diff.Name.Compressed ? new VerifiedGzipStream(raw) : raw;
        try
        {
            PatchOutput patched = PatchOutput.ToNewFile(target, hash);
            Patcher.Apply(basisFile, delta, patched);
        }
        catch (Exception e) when (e is CorruptDeltaException or InvalidDataException or IOException)
        {
            target.Dispose();
            targetTree.Unlink(output);
            throw new CorruptDeltaException($"increment '{RepositoryPreparer.Show(diff.Path)}' is damaged ({e.Message}); this version of the file cannot be rebuilt");
        }
    }

    private void Copy(byte[] from, bool compressed, SafeFileHandle target, IncrementalHash? hash = null)
    {
        using Stream raw = new FileStream(Read(from), FileAccess.Read, 1 << 16);
        using Stream input = compressed ? new VerifiedGzipStream(raw) : raw;
        try
        {
            PatchOutput.ToNewFile(target, hash).CopyFrom(input);
        }
        catch (InvalidDataException e)
        {
            throw new CorruptDeltaException($"increment '{RepositoryPreparer.Show(from)}' is damaged ({e.Message}); this version of the file cannot be rebuilt");
        }
    }

    /// <summary>A basis is a mirror file or increment (the repository's tree) or an intermediate version (the scratch tree's).</summary>
    private SafeFileHandle Read(byte[] path) => layout.Tree.Contains(path) ? layout.Tree.OpenRead(path) : _scratch.OpenRead(path);
}
