using Microsoft.Win32.SafeHandles;
using RdiffCore.Delta;
using RdiffCore.Increments;
using RdiffCore.Model;
using RdiffCore.Platform.Posix;
using RdiffCore.Source;
using RdiffCore.Storage;

namespace RdiffCore.Backup;

/// <summary>Writing new mirror entries under temp names, and the reverse delta of a changed file.</summary>
internal sealed partial class MirrorUpdater
{
    private bool IsLaterLink(MetadataRecord record) => record.HardLinkCount > 1 && _links.Contains(record);

    /// <summary>
    /// Builds the new entry under a temp name beside <paramref name="mirror"/> (or inside it when
    /// <paramref name="nextTo"/> names the parent directory) with its attributes; returns the temp
    /// path and the record to store (with the SHA-1 of what was copied).
    /// </summary>
    private (PendingFile Temp, MetadataRecord Written) WriteNewEntry(SourceEntry source, byte[] mirror, bool nextTo = false)
    {
        MetadataRecord record = source.Record;
        byte[] directory = nextTo ? mirror : Parent(mirror);
        if (record.Kind == FileKind.Regular && _links.TryGetFirst(record, out PendingFile first, out _))
        {
            return (new PendingFile(context.TempNames.Create(directory, temp => Tree.Link(first.CurrentPath, temp))) { IsLink = true }, record);
        }
        SafeFileHandle? data = null;
        byte[] created = context.TempNames.Create(directory, temp =>
        {
            switch (record.Kind)
            {
                case FileKind.Regular:
                    data = Tree.CreateNew(temp, 0b110_000_000);
                    break;
                case FileKind.Symlink:
                    Tree.Symlink(record.SymlinkTarget!, temp);
                    break;
                case FileKind.Directory:
                    throw new InvalidOperationException("directories are created in place");
                default:
                    Tree.MkNod(temp, record.Kind, record.Permissions, record.DeviceMajor, record.DeviceMinor);
                    break;
            }
        });
        var pending = new PendingFile(created);
        // From here the temp name is this process's own, to remove if anything fails.
        try
        {
            MetadataRecord written = record;
            if (data is not null)
            {
                using (data)
                {
                    written = CopyNewFile(source, data, created);
                }
                _links.Seen(record, pending, written.Sha1);
            }
            context.MirrorAttributes.Apply(Tree, created, written);
            return (pending, written);
        }
        catch
        {
            data?.Dispose();
            Tree.UnlinkIfPresent(created);
            throw;
        }
    }

    private MetadataRecord CopyNewFile(SourceEntry source, SafeFileHandle output, byte[] temp)
    {
        using var hashing = new HashingStream(context.Source.OpenData(source));
        PatchOutput.ToNewFile(output).CopyFrom(hashing);
        CheckReadAsWalked(source, hashing, temp);
        return source.Record with { Size = hashing.BytesRead, Sha1 = hashing.Sha1() };
    }

    /// <summary>The new version of a changed regular file under a temp name, and its .diff increment.</summary>
    private (PendingFile Temp, MetadataRecord Written, long? IncrementSize) WriteChangedFile(SourceEntry source, MetadataRecord old, Placement place)
    {
        byte[] mirror = place.Mirror;
        (byte[] temp, SafeFileHandle output) = context.TempNames.CreateFile(Tree, Parent(mirror));
        var pending = new PendingFile(temp);
        IncrementWriter? increments = context.Increments;
        (Stream Delta, byte[] File)? diff = null;
        // The temp file is this process's own from here; the increment once it is opened.
        try
        {
            diff = increments!.OpenDiff(place.Increments, mirror);
            using var hashing = new HashingStream(context.Source.OpenData(source));
            using (output)
            using (SafeFileHandle oldFile = Tree.OpenRead(mirror))
            {
                var options = new ReverseDeltaOptions
                {
                    NewLengthHint = source.Record.Size,
                    Workers = source.Record.Size < (8 << 20) ? 1 : Environment.ProcessorCount,
                };
                ReverseDelta.Write(hashing, output, oldFile, diff.Value.Delta, options);
            }
            CheckReadAsWalked(source, hashing, temp);
            MetadataRecord written = source.Record with { Size = hashing.BytesRead, Sha1 = hashing.Sha1() };
            _links.Seen(written, pending, written.Sha1);
            long? incrementSize;
            if (context.Options.ApiVersion >= 201 && old.Sha1 is not null && written.Sha1.AsSpan().SequenceEqual(old.Sha1))
            {
                // API 201 keeps no increment when only the attributes changed (§3.8).
                diff.Value.Delta.Dispose();
                Tree.UnlinkIfPresent(diff.Value.File);
                incrementSize = null;
            }
            else
            {
                incrementSize = increments.FinishDiff(diff.Value.Delta, diff.Value.File, old);
            }
            context.MirrorAttributes.Apply(Tree, temp, written);
            return (pending, written, incrementSize);
        }
        catch
        {
            if (diff is { } open)
            {
                DisposeAbandoned(open.Delta);
                Tree.UnlinkIfPresent(open.File);
            }
            output.Dispose();
            Tree.UnlinkIfPresent(temp);
            throw;
        }
    }

    /// <summary>
    /// A file that changed size while it was read is not stored half old, half new: like rdiff-backup,
    /// which compares the written temp file with the walk's stat, the mirror keeps the previous version.
    /// </summary>
    private static void CheckReadAsWalked(SourceEntry source, HashingStream hashing, byte[] temp)
    {
        if (hashing.BytesRead != source.Record.Size)
        {
            throw new SkippedFileException("UpdateError",
                $"Updated mirror temp file '{PrintablePath.From(temp)}' does not match source (it changed size while it was read: {source.Record.Size} bytes at the walk, {hashing.BytesRead} read); the next backup takes it");
        }
    }

    /// <summary>Closes an increment that is being thrown away; on a full disk its last flush fails again, which must not hide the first error.</summary>
    private static void DisposeAbandoned(Stream delta)
    {
        try
        {
            delta.Dispose();
        }
        catch (IOException)
        {
            // The file is unlinked next.
        }
    }

    /// <summary>Puts a new entry in place; later hard links to it follow it to its final name.</summary>
    private void Rename(PendingFile temp, byte[] mirror)
    {
        Tree.Rename(temp.CurrentPath, mirror);
        if (temp.IsLink)
        {
            // rename(2) does nothing when both names are links to one file (the mirror already was
            // this link): the temp name must go by hand.
            Tree.UnlinkIfPresent(temp.CurrentPath);
        }
        temp.CurrentPath = mirror;
    }

    private static byte[] Parent(byte[] path) => path[..path.AsSpan().LastIndexOf((byte)'/')];
}
