using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Win32.SafeHandles;
using RdiffCore.Model;
using RdiffCore.Platform.Posix;
using RdiffCore.Storage;

namespace RdiffCore.Increments;

/// <summary>
/// Writes the increments that preserve the previous session's state of a path (rdiff-backup-format.md
/// §1.9): named with the previous session's time, carrying the old state's mode and mtime.
/// Durability comes from the commit queue's syncfs before the mirror changes.
/// </summary>
internal sealed class IncrementWriter(RepositoryLayout layout, string previousTime, bool compress, Regex? noCompression, bool setOwners)
{
    private byte[]? _lastEnsuredDirectory;

    public long BytesWritten { get; private set; }

    public int FilesWritten { get; private set; }

    /// <summary>The path did not exist in the previous session.</summary>
    public void WriteMissing(RelPath path)
    {
        byte[] file = Name(path, IncrementType.Missing, compressed: false);
        PosixFs.CreateNew(file, 0b110_000_000).Dispose();
        FilesWritten++;
    }

    /// <summary>A directory that changed, or has changes below it: an empty file with its old mode and mtime.</summary>
    public void WriteDir(RelPath path, MetadataRecord old)
    {
        byte[] file = Name(path, IncrementType.Dir, compressed: false);
        PosixFs.CreateNew(file, old.Permissions & 0b111_111_111).Dispose();
        PosixFs.Chmod(file, old.Permissions & 0b111_111_111);
        AttributeApplier.ApplyTimes(file, old.ModTime);
        FilesWritten++;
    }

    /// <summary>The old contents of a regular file, whole (gzipped unless the name says it is already compressed).</summary>
    public long WriteSnapshot(RelPath path, MetadataRecord old, byte[] mirrorFile)
    {
        bool gzip = ShouldCompress(mirrorFile);
        byte[] file = Name(path, IncrementType.Snapshot, gzip);
        using (SafeFileHandle source = PosixFs.OpenRead(mirrorFile))
        using (var input = new FileStream(source, FileAccess.Read, 1))
        using (var output = new FileStream(PosixFs.CreateNew(file, 0b110_000_000), FileAccess.Write, 1 << 16))
        {
            if (gzip)
            {
                using var zip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true);
                input.CopyTo(zip, 1 << 18);
            }
            else
            {
                input.CopyTo(output, 1 << 18);
            }
        }
        return Finish(file, old);
    }

    /// <summary>The old state of a symlink, fifo, socket or device: the special file itself, recreated.</summary>
    public void WriteSpecialSnapshot(RelPath path, MetadataRecord old)
    {
        byte[] file = Name(path, IncrementType.Snapshot, compressed: false);
        if (old.Kind == FileKind.Symlink)
        {
            PosixFs.Symlink(old.SymlinkTarget!, file);
        }
        else
        {
            PosixFs.MkNod(file, old.Kind, old.Permissions, old.DeviceMajor, old.DeviceMinor);
            Finish(file, old);
        }
        FilesWritten++;
    }

    /// <summary>Opens the .diff increment of a regular file for the reverse delta; <see cref="FinishDiff"/> closes it.</summary>
    public (Stream Delta, byte[] File) OpenDiff(RelPath path, byte[] mirrorFile)
    {
        bool gzip = ShouldCompress(mirrorFile);
        byte[] file = Name(path, IncrementType.Diff, gzip);
        var output = new FileStream(PosixFs.CreateNew(file, 0b110_000_000), FileAccess.Write, 1 << 16);
        return (gzip ? new GZipStream(output, CompressionLevel.Fastest) : output, file);
    }

    public long FinishDiff(Stream delta, byte[] file, MetadataRecord old)
    {
        delta.Dispose();
        return Finish(file, old);
    }

    private long Finish(byte[] file, MetadataRecord old)
    {
        if (setOwners)
        {
            PosixFs.LChown(file, old.Uid, old.Gid);
        }
        PosixFs.Chmod(file, old.Permissions);
        AttributeApplier.ApplyTimes(file, old.ModTime);
        long size = PosixFs.LStat(file).Size;
        BytesWritten += size;
        FilesWritten++;
        return size;
    }

    // rdiff-backup applies the regex with re.match to the whole mirror path (bytes).
    private bool ShouldCompress(byte[] mirrorFile) =>
        compress && (noCompression is null || !noCompression.IsMatch(Encoding.Latin1.GetString(mirrorFile)));

    private byte[] Name(RelPath path, IncrementType type, bool compressed)
    {
        byte[] baseName = layout.IncrementBase(path);
        if (!path.IsRoot)
        {
            EnsureDirectory(layout.IncrementDirectory(path.Parent));
        }
        return RepositoryLayout.WithSuffix(baseName, IncrementName.Format([], previousTime, type, compressed));
    }

    private void EnsureDirectory(byte[] directory)
    {
        if (_lastEnsuredDirectory is not null && _lastEnsuredDirectory.AsSpan().SequenceEqual(directory))
        {
            return;
        }
        if (!PosixFs.TryLStat(directory, out _))
        {
            int slash = directory.AsSpan().LastIndexOf((byte)'/');
            EnsureDirectory(directory[..slash]);
            PosixFs.MkDir(directory, 0b111_000_000);
        }
        _lastEnsuredDirectory = directory;
    }
}
