using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Win32.SafeHandles;
using RdiffCore.Model;
using RdiffCore.Platform.Posix;
using RdiffCore.Storage;

namespace RdiffCore.Increments;

/// <summary>
/// Writes the increments that preserve the previous session's state of a path (format.md
/// §1.9): named with the previous session's time, carrying the old state's mode and mtime.
/// Durability comes from the commit queue's syncfs before the mirror changes.
/// </summary>
/// <param name="layout">The repository, with its quoting.</param>
/// <param name="longNames">Creates the directories under increments/ (shared with the name probes).</param>
/// <param name="previousTime">The previous session's time as its names carry it.</param>
/// <param name="compress">Gzip .diff and .snapshot increments.</param>
/// <param name="noCompression">Mirror paths matching this are not gzipped.</param>
/// <param name="setOwners">Give increments the old owner (root only).</param>
internal sealed class IncrementWriter(RepositoryLayout layout, LongNames longNames, string previousTime, bool compress, Regex? noCompression, bool setOwners)
{
    public long BytesWritten { get; private set; }

    public int FilesWritten { get; private set; }

    /// <summary>The path did not exist in the previous session.</summary>
    public void WriteMissing(IncrementTarget path)
    {
        byte[] file = Name(path, IncrementType.Missing, compressed: false);
        layout.Tree.CreateNew(file, 0b110_000_000).Dispose();
        FilesWritten++;
    }

    /// <summary>A directory that changed, or has changes below it: an empty file with its old mode and mtime.</summary>
    public void WriteDir(IncrementTarget path, MetadataRecord old)
    {
        byte[] file = Name(path, IncrementType.Dir, compressed: false);
        layout.Tree.CreateNew(file, old.Permissions & 0b111_111_111).Dispose();
        layout.Tree.Chmod(file, old.Permissions & 0b111_111_111);
        AttributeApplier.ApplyTimes(layout.Tree, file, old.ModTime);
        FilesWritten++;
    }

    /// <summary>The old contents of a regular file, whole (gzipped unless the name says it is already compressed).</summary>
    public long WriteSnapshot(IncrementTarget path, MetadataRecord old, byte[] mirrorFile)
    {
        bool gzip = ShouldCompress(mirrorFile);
        byte[] file = Name(path, IncrementType.Snapshot, gzip);
        using (SafeFileHandle source = layout.Tree.OpenRead(mirrorFile))
        using (var input = new FileStream(source, FileAccess.Read, 1))
        using (var output = new FileStream(layout.Tree.CreateNew(file, 0b110_000_000), FileAccess.Write, 1 << 16))
        {
            if (gzip)
            {
                using var zip = new GzipWriteStream(output, CompressionLevel.Fastest, leaveOpen: true);
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
    public void WriteSpecialSnapshot(IncrementTarget path, MetadataRecord old)
    {
        byte[] file = Name(path, IncrementType.Snapshot, compressed: false);
        if (old.Kind == FileKind.Symlink)
        {
            layout.Tree.Symlink(old.SymlinkTarget!, file);
        }
        else
        {
            layout.Tree.MkNod(file, old.Kind, old.Permissions, old.DeviceMajor, old.DeviceMinor);
            Finish(file, old);
        }
        FilesWritten++;
    }

    /// <summary>Opens the .diff increment of a regular file for the reverse delta; <see cref="FinishDiff"/> closes it.</summary>
    public (Stream Delta, byte[] File) OpenDiff(IncrementTarget path, byte[] mirrorFile)
    {
        bool gzip = ShouldCompress(mirrorFile);
        byte[] file = Name(path, IncrementType.Diff, gzip);
        var output = new FileStream(layout.Tree.CreateNew(file, 0b110_000_000), FileAccess.Write, 1 << 16);
        return (gzip ? new GzipWriteStream(output, CompressionLevel.Fastest) : output, file);
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
            layout.Tree.LChown(file, old.Uid, old.Gid);
        }
        layout.Tree.Chmod(file, old.Permissions);
        AttributeApplier.ApplyTimes(layout.Tree, file, old.ModTime);
        long size = layout.Tree.LStat(file).Size;
        BytesWritten += size;
        FilesWritten++;
        return size;
    }

    // rdiff-backup applies the regex with re.match to the whole mirror path (bytes).
    private bool ShouldCompress(byte[] mirrorFile) =>
        compress && (noCompression is null || !noCompression.IsMatch(Encoding.Latin1.GetString(mirrorFile)));

    private byte[] Name(IncrementTarget target, IncrementType type, bool compressed)
    {
        if (target.LongName is string longName)
        {
            return layout.LongNameIncrement(Encoding.ASCII.GetBytes(longName), previousTime, type, compressed);
        }
        if (!target.Path.IsRoot)
        {
            longNames.EnsureDirectory(layout.IncrementDirectory(target.Path.Parent));
        }
        return layout.IncrementFile(target.Path, previousTime, type, compressed);
    }
}
