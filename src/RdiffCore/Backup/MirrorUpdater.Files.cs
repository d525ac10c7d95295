using Microsoft.Win32.SafeHandles;
using RdiffCore.Delta;
using RdiffCore.Increments;
using RdiffCore.Model;
using RdiffCore.Platform.Posix;
using RdiffCore.Source;

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
    private (byte[] Temp, MetadataRecord Written) WriteNewEntry(SourceEntry source, byte[] mirror, bool nextTo = false)
    {
        MetadataRecord record = source.Record;
        byte[] temp = context.TempNames.Next(nextTo ? mirror : Parent(mirror));
        try
        {
            MetadataRecord written = record;
            switch (record.Kind)
            {
                case FileKind.Regular when _links.TryGetFirst(record, out PendingFile first, out _):
                    PosixFs.Link(first.CurrentPath, temp);
                    return (temp, record);
                case FileKind.Regular:
                    written = CopyNewFile(source, temp);
                    _links.Seen(record, context.Pending(temp), written.Sha1);
                    break;
                case FileKind.Symlink:
                    PosixFs.Symlink(record.SymlinkTarget!, temp);
                    break;
                case FileKind.Directory:
                    throw new InvalidOperationException("directories are created in place");
                default:
                    PosixFs.MkNod(temp, record.Kind, record.Permissions, record.DeviceMajor, record.DeviceMinor);
                    break;
            }
            context.MirrorAttributes.Apply(temp, written);
            return (temp, written);
        }
        catch
        {
            Discard(temp);
            throw;
        }
    }

    private MetadataRecord CopyNewFile(SourceEntry source, byte[] temp)
    {
        using var hashing = new HashingStream(context.Source.OpenData(source));
        using (SafeFileHandle output = PosixFs.CreateNew(temp, 0b110_000_000))
        {
            PatchOutput target = PatchOutput.ToNewFile(output);
            byte[] buffer = new byte[256 << 10];
            int n;
            while ((n = hashing.Read(buffer)) > 0)
            {
                target.Write(buffer.AsSpan(0, n));
            }
            target.Complete();
        }
        return With(source.Record, hashing.BytesRead, hashing.Sha1());
    }

    /// <summary>The new version of a changed regular file under a temp name, and its .diff increment.</summary>
    private (byte[] Temp, MetadataRecord Written, long? IncrementSize) WriteChangedFile(SourceEntry source, MetadataRecord old, byte[] mirror)
    {
        byte[] temp = context.TempNames.Next(Parent(mirror));
        IncrementWriter? increments = context.Increments;
        (Stream Delta, byte[] File)? diff = null;
        try
        {
            diff = increments!.OpenDiff(old.Path, mirror);
            using var hashing = new HashingStream(context.Source.OpenData(source));
            using (SafeFileHandle output = PosixFs.CreateNew(temp, 0b110_000_000))
            using (SafeFileHandle oldFile = PosixFs.OpenRead(mirror))
            {
                var options = new ReverseDeltaOptions
                {
                    NewLengthHint = source.Record.Size,
                    Workers = source.Record.Size < (8 << 20) ? 1 : Environment.ProcessorCount,
                };
                ReverseDelta.Write(hashing, output, oldFile, diff.Value.Delta, options);
            }
            MetadataRecord written = With(source.Record, hashing.BytesRead, hashing.Sha1());
            _links.Seen(written, context.Pending(temp), written.Sha1);
            long? incrementSize;
            if (context.Options.ApiVersion >= 201 && old.Sha1 is not null && written.Sha1.AsSpan().SequenceEqual(old.Sha1))
            {
                // API 201 keeps no increment when only the attributes changed (§3.8).
                diff.Value.Delta.Dispose();
                IncrementWriter.Discard(diff.Value.File);
                incrementSize = null;
            }
            else
            {
                incrementSize = increments.FinishDiff(diff.Value.Delta, diff.Value.File, old);
            }
            context.MirrorAttributes.Apply(temp, written);
            return (temp, written, incrementSize);
        }
        catch
        {
            if (diff is { } open)
            {
                open.Delta.Dispose();
                IncrementWriter.Discard(open.File);
            }
            Discard(temp);
            throw;
        }
    }

    private void Rename(byte[] temp, byte[] mirror, MetadataRecord written)
    {
        PosixFs.Rename(temp, mirror);
        context.Renamed(temp, mirror);
        _ = written;
    }

    private static MetadataRecord With(MetadataRecord record, long size, byte[] sha1) => new()
    {
        Path = record.Path, Kind = record.Kind, Size = size, Sha1 = sha1, HardLinkCount = record.HardLinkCount,
        Inode = record.Inode, DeviceLoc = record.DeviceLoc, ModTime = record.ModTime, Uid = record.Uid, Gid = record.Gid,
        UserName = record.UserName, GroupName = record.GroupName, Permissions = record.Permissions,
        Xattrs = record.Xattrs, Acl = record.Acl,
    };

    private static void Discard(byte[] temp)
    {
        if (PosixFs.TryLStat(temp, out _))
        {
            PosixFs.Unlink(temp);
        }
    }

    private static byte[] Parent(byte[] path) => path[..path.AsSpan().LastIndexOf((byte)'/')];
}
