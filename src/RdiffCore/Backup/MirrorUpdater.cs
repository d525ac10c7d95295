using RdiffCore.Changes;
using RdiffCore.Increments;
using RdiffCore.Model;
using RdiffCore.Platform.Posix;
using RdiffCore.Sessions;
using RdiffCore.Source;
using RdiffCore.Storage;

namespace RdiffCore.Backup;

/// <summary>
/// The repository side of a backup: takes the collated (source, previous record) pairs in canonical
/// order and brings the mirror to the source's state, writing first the increments that preserve the
/// previous state, then (through the commit queue) the mirror changes, and the new metadata record of
/// every path in order. Directories get their attributes when they are left, after their children.
/// </summary>
internal sealed partial class MirrorUpdater(BackupContext context)
{
    private readonly List<DirectoryFrame> _frames = [];
    private readonly HardLinkGroups _links = new();

    /// <summary>Every call on the mirror goes through the repository's tree: nothing inside it is followed out.</summary>
    private RootedTree Tree => context.Layout.Tree;

    /// <summary>A mirror directory found replaced (by a symlink or a file) and made anew: what its records say lies below it is gone.</summary>
    private RelPath? _rebuilt;

    public void Process(SourceEntry? source, MetadataRecord? old)
    {
        RelPath path = source?.Record.Path ?? old!.Path;
        LeaveDirectoriesNotAbove(path);
        if (_rebuilt is RelPath rebuilt && !path.IsAtOrBelow(rebuilt))
        {
            _rebuilt = null;
        }
        if (_rebuilt is not null && old is not null)
        {
            // Below a replaced directory the mirror holds nothing of the old state: the source is new.
            if (source is null)
            {
                return;
            }
            old = null;
        }
        if (old is { Kind: FileKind.Directory } && !path.IsRoot && !MirrorHoldsDirectory(old))
        {
            _rebuilt = path;
            if (source is null)
            {
                return;
            }
            old = null;
        }
        if (_frames.Count > 0 && _frames[^1].Frozen)
        {
            // The directory could not be listed: everything below keeps its recorded state.
            if (old is not null)
            {
                context.WriteRecord(old, changed: false, null, MirrorSize(old), null);
            }
            return;
        }
        try
        {
            if (source is null)
            {
                Delete(old!);
            }
            else if (old is null)
            {
                Add(source);
            }
            else if (IsUnchanged(source, old))
            {
                Keep(source, old);
            }
            else
            {
                Change(source, old);
            }
        }
        catch (PosixException error) when (!RepositoryFullException.IsFull(error))
        {
            // rdiff-backup's words: reading the source is a ListError, writing the repository an UpdateError.
            string type = IsSourcePath(error.Path) ? "ListError" : "UpdateError";
            Skip(path, old, type, PythonOsError.Message(error));
        }
        catch (SkippedFileException error)
        {
            Skip(path, old, error.ErrorType, error.Message);
        }
    }

    /// <summary>The path keeps its recorded state (and its mirror copy); the next backup tries again.</summary>
    private void Skip(RelPath path, MetadataRecord? old, string type, string message)
    {
        context.Errors.Report(type, path, message);
        if (old is not null && !context.IsLastWritten(path))
        {
            context.WriteRecord(old, changed: false, null, MirrorSize(old), null);
        }
    }

    private bool IsSourcePath(ReadOnlySpan<byte> path)
    {
        ReadOnlySpan<byte> source = context.Options.Source;
        return path.StartsWith(source) && (path.Length == source.Length || path[source.Length] == (byte)'/' || source.EndsWith("/"u8));
    }

    /// <summary>
    /// Whether the mirror still has the directory its record describes. Something else there (a symlink
    /// planted in the mirror, a file) is never followed: it is removed, logged, and the directory and
    /// everything below it are backed up anew, as rdiff-backup replaces such a link.
    /// </summary>
    private bool MirrorHoldsDirectory(MetadataRecord old)
    {
        byte[] mirror = context.Layout.MirrorPath(old);
        if (!Tree.TryLStat(mirror, out FileStatus status) || status.Kind == FileKind.Directory)
        {
            // Missing altogether: the usual paths (mkdir on add, per-file errors below) deal with it.
            return true;
        }
        context.Errors.Report("UpdateError", old.Path,
            $"the mirror's '{PrintablePath.From(mirror)}' is a {status.Kind.ToString().ToLowerInvariant()}, not the directory the last backup left: it was replaced, and what was below it is backed up anew");
        Tree.RemoveTree(mirror);
        return false;
    }

    /// <summary>Leaves every open directory, root last.</summary>
    public void Finish() => LeaveDirectoriesNotAbove(null);

    private bool IsUnchanged(SourceEntry source, MetadataRecord old)
    {
        if (!ChangeDetector.AttributesMatch(source.Record, old, context.Options.Xattrs, context.Options.Acls))
        {
            return false;
        }
        if (context.PreviousTime is long previous && ChangeDetector.NeedsContentCheck(old, previous))
        {
            if (old.Sha1 is null)
            {
                // rdiff-backup records the SHA-1 of a hard-link group's first name only. A later name
                // of the same group whose first name kept its mirror file is that very file.
                return old.Inode == source.Record.Inode && old.DeviceLoc == source.Record.DeviceLoc && _links.FirstKept(source.Record);
            }
            using var hashing = new HashingStream(context.Source.OpenData(source));
            return hashing.HashToEnd().AsSpan().SequenceEqual(old.Sha1);
        }
        return true;
    }

    private void Keep(SourceEntry source, MetadataRecord old)
    {
        if (old.Kind == FileKind.Directory)
        {
            _frames.Add(new DirectoryFrame(old.Path, old, old) { IncrementWritten = false, Frozen = source.ListFailed });
        }
        if (old.HardLinkCount > 1 && !_links.TryGetFirst(old, out _, out _))
        {
            _links.Seen(old, new PendingFile(context.Layout.MirrorPath(old)), old.Sha1, kept: true);
        }
        // A device recorded by rdiff-backup, without mtime, unchanged otherwise: the record gains the mtime.
        MetadataRecord kept = old.ModTimeUnknown && source.Record.HasModTime ? old with { ModTime = source.Record.ModTime, ModTimeUnknown = false } : old;
        context.WriteRecord(kept, changed: false, old.Size, old.Size, null);
    }

    private void Add(SourceEntry source)
    {
        WriteIncrementsAbove();
        Placement place = Place(source.Record.Path, null);
        MetadataRecord record = place.Record(source.Record);
        byte[] mirror = place.Mirror;
        if (record.Kind == FileKind.Directory)
        {
            if (!Tree.TryLStat(mirror, out _))
            {
                Tree.MkDir(mirror, 0b111_000_000);
            }
            context.Increments?.WriteMissing(place.Increments);
            _frames.Add(new DirectoryFrame(record.Path, null, record) { IncrementWritten = true, Touched = true, Frozen = source.ListFailed });
            context.WriteRecord(record, changed: true, 0, null, 0);
            return;
        }
        (PendingFile temp, MetadataRecord written) = WriteNewEntry(source, mirror);
        written = place.Record(written);
        context.Increments?.WriteMissing(place.Increments);
        context.Queue.Enqueue(() => Rename(temp, mirror), written.Size, temp.CurrentPath);
        context.WriteRecord(written, changed: true, written.Size, null, 0);
    }

    private void Change(SourceEntry source, MetadataRecord old)
    {
        WriteIncrementsAbove();
        Placement place = Place(old.Path, old);
        MetadataRecord record = place.Record(source.Record);
        byte[] mirror = place.Mirror;
        if (old.Kind == FileKind.Directory)
        {
            ChangeDirectory(source, old, place);
            return;
        }
        if (record.Kind == FileKind.Directory)
        {
            // A file became a directory: the old file is preserved, made durable and removed now,
            // because the directory must exist before its children are written into it.
            long incrementSize = PreserveOld(old, mirror, place.Increments);
            context.Queue.Flush();
            Tree.Unlink(mirror);
            Tree.MkDir(mirror, 0b111_000_000);
            _frames.Add(new DirectoryFrame(record.Path, null, record) { IncrementWritten = true, Touched = true, Frozen = source.ListFailed });
            context.WriteRecord(record, changed: true, 0, MirrorSize(old), incrementSize);
            return;
        }
        if (old.Kind == FileKind.Regular && record.Kind == FileKind.Regular && !IsLaterLink(record))
        {
            ChangeRegular(source, old, place);
            return;
        }
        long size = PreserveOld(old, mirror, place.Increments);
        (PendingFile temp, MetadataRecord written) = WriteNewEntry(source, mirror);
        written = place.Record(written);
        context.Queue.Enqueue(() => Rename(temp, mirror), written.Size, temp.CurrentPath);
        context.WriteRecord(written, changed: true, written.Size, MirrorSize(old), size);
    }

    private void ChangeRegular(SourceEntry source, MetadataRecord old, Placement place)
    {
        byte[] mirror = place.Mirror;
        (PendingFile temp, MetadataRecord written, long? incrementSize) = WriteChangedFile(source, old, place);
        written = place.Record(written);
        context.Queue.Enqueue(() => Rename(temp, mirror), written.Size, temp.CurrentPath);
        context.WriteRecord(written, changed: true, written.Size, old.Size, incrementSize);
    }

    private void ChangeDirectory(SourceEntry source, MetadataRecord old, Placement place)
    {
        MetadataRecord record = place.Record(source.Record);
        byte[] mirror = place.Mirror;
        context.Increments?.WriteDir(place.Increments, old);
        if (record.Kind == FileKind.Directory)
        {
            _frames.Add(new DirectoryFrame(record.Path, old, record) { IncrementWritten = true, Touched = true, Frozen = source.ListFailed });
            context.WriteRecord(record, changed: true, 0, 0, null);
            return;
        }
        // A directory replaced by a non-directory: its children are deleted first (they follow in
        // order), then the new entry takes its place.
        (PendingFile temp, MetadataRecord written) = WriteNewEntry(source, Parent(mirror), nextTo: true);
        written = place.Record(written);
        _frames.Add(new DirectoryFrame(record.Path, old, null)
        {
            IncrementWritten = true,
            Replace = () =>
            {
                Tree.RmDir(mirror);
                Rename(temp, mirror);
            },
        });
        context.WriteRecord(written, changed: true, written.Size, 0, null);
    }

    private void Delete(MetadataRecord old)
    {
        WriteIncrementsAbove();
        Placement place = Place(old.Path, old);
        byte[] mirror = place.Mirror;
        if (old.Kind == FileKind.Directory)
        {
            context.Increments?.WriteDir(place.Increments, old);
            _frames.Add(new DirectoryFrame(old.Path, old, null) { IncrementWritten = true });
            context.RecordDeleted(old, null);
            return;
        }
        long incrementSize = PreserveOld(old, mirror, place.Increments);
        context.Queue.Enqueue(() => Tree.Unlink(mirror));
        context.RecordDeleted(old, incrementSize);
    }

    /// <summary>Writes the increment that keeps a non-directory's previous state; returns its size.</summary>
    private long PreserveOld(MetadataRecord old, byte[] mirror, IncrementTarget target)
    {
        if (context.Increments is not IncrementWriter increments)
        {
            return 0;
        }
        if (old.Kind == FileKind.Regular)
        {
            return increments.WriteSnapshot(target, old, mirror);
        }
        increments.WriteSpecialSnapshot(target, old);
        return 0;
    }

    /// <summary>The first change below a directory writes the .dir increments of every directory above it (§1.9).</summary>
    private void WriteIncrementsAbove()
    {
        foreach (DirectoryFrame frame in _frames)
        {
            frame.Touched = true;
            if (!frame.IncrementWritten)
            {
                context.Increments?.WriteDir(IncrementTarget.Of(frame.Old!), frame.Old!);
                frame.IncrementWritten = true;
            }
        }
    }

    private void LeaveDirectoriesNotAbove(RelPath? path)
    {
        while (_frames.Count > 0 && (path is not RelPath p || !p.IsAtOrBelow(_frames[^1].Path) || p == _frames[^1].Path))
        {
            DirectoryFrame frame = _frames[^1];
            _frames.RemoveAt(_frames.Count - 1);
            Leave(frame);
        }
    }

    private void Leave(DirectoryFrame frame)
    {
        byte[] mirror = context.Layout.MirrorPath(frame.Target ?? frame.Old ?? MetadataRecord.Absent(frame.Path));
        if (frame.Replace is Action replace)
        {
            context.Queue.Enqueue(replace);
        }
        else if (frame.Target is null)
        {
            context.Queue.Enqueue(() => Tree.RmDir(mirror));
        }
        else if (frame.Touched)
        {
            MetadataRecord target = frame.Target;
            context.Queue.Enqueue(() => context.MirrorAttributes.Apply(Tree, mirror, target));
        }
    }

    private static long? MirrorSize(MetadataRecord record) => record.Kind == FileKind.Regular ? record.Size : record.Kind == FileKind.None ? null : 0;
}
