using System.IO.Compression;
using System.Text;
using Microsoft.Win32.SafeHandles;
using RdiffCore.Increments;
using RdiffCore.Metadata;
using RdiffCore.Platform.Posix;
using RdiffCore.Restore;
using RdiffCore.Storage;

namespace RdiffCore.Regress;

/// <summary>
/// Brings a repository whose last backup was interrupted back to the last good session
/// (format.md §3.5): the failed session's files in rdiff-backup-data go first (after
/// the good session's metadata snapshot is rebuilt if only its diff is left), then every path of
/// the mirror is put back from its increment, and the newer marker is removed last. Each step
/// leaves the repository regressable again, so a regress that is itself killed can be rerun.
/// </summary>
internal sealed partial class Regressor
{
    private readonly RepositoryLayout _layout;
    private readonly AttributeApplier _attributes;
    private readonly Owners? _owners;
    private readonly bool _fsync;
    private readonly Action<string> _warn;
    private long _regressTime;
    private readonly TempNames _temps = new($"rdiff-backup.tmp.{Environment.ProcessId}.r", 0);
    private Reconstructor? _reconstructor;
    private readonly Dictionary<(ulong, ulong), (ulong Inode, ulong Device, byte[] Path)> _linkGroups = [];

    // owners: the maps to compare owners through; null where owners cannot be set, so that they do not count.
    public Regressor(RepositoryLayout layout, AttributeApplier attributes, Owners? owners, bool fsync, Action<string> warn)
    {
        _layout = layout;
        _attributes = attributes;
        _owners = owners;
        _fsync = fsync;
        _warn = warn;
    }

    /// <summary>Paths that could not be put back.</summary>
    public int Errors { get; private set; }

    /// <summary>Regresses <paramref name="state"/> (two or more markers) to the time of its oldest marker.</summary>
    public void Run(RepositoryState state)
    {
        _regressTime = state.Markers[0].Time;
        CleanDataDirectory(state);
        state = RepositoryState.Read(_layout);
        if (state.MetadataFiles.All(f => f.Time < _regressTime))
        {
            throw new RdiffException(
                $"no mirror_metadata for the session to regress to in '{RepositoryPreparer.Show(_layout.DataDirectory)}'; the repository cannot be regressed");
        }
        // The mirror is the failed session's: rebuilding reads the increments named with the good time.
        _reconstructor = new Reconstructor(_layout, new IncrementIndex(_layout), state.Markers[^1].Time, _layout.Tree);
        WalkTree(state);
        foreach (SessionFile root in state.Files.Where(f => f.BaseIs("increments"u8) && f.Time >= _regressTime))
        {
            _layout.Tree.UnlinkIfPresent(root.Path);
        }
        DeleteLongNameIncrements();
        if (_fsync)
        {
            _layout.Tree.SyncFs();
        }
        foreach (SessionFile marker in state.Markers.Skip(1))
        {
            _layout.Tree.UnlinkIfPresent(marker.Path);
        }
        SyncDirectory(_layout.DataDirectory);
    }

    /// <summary>
    /// The failed sessions' metadata, statistics and logs go; the good session's metadata must be
    /// readable on its own first: a snapshot rebuilt from the chain when only its diff is left.
    /// </summary>
    private void CleanDataDirectory(RepositoryState state)
    {
        List<SessionFile> diffs = [.. state.MetadataFiles.Where(f => f.Time == _regressTime && f.Name.Type == IncrementType.Diff)];
        if (diffs.Count > 0 && !state.MetadataFiles.Any(f => f.Time == _regressTime && f.Name.Type == IncrementType.Snapshot))
        {
            RebuildSnapshot(state, diffs[0]);
        }
        foreach (SessionFile file in Unread(state).Concat(diffs))
        {
            _layout.Tree.UnlinkIfPresent(file.Path);
        }
        SyncDirectory(_layout.DataDirectory);
    }

    /// <summary>
    /// The session files a regress of <paramref name="state"/> deletes without reading them: every
    /// file of the failed sessions but their markers, and diffs of the good session beside its
    /// snapshot (a backup killed after writing the diff, before deleting the snapshot, leaves both).
    /// Nothing when the repository is not interrupted.
    /// </summary>
    internal static IEnumerable<SessionFile> Unread(RepositoryState state)
    {
        if (!state.Interrupted)
        {
            return [];
        }
        long good = state.Markers[0].Time;
        HashSet<long> failed = [.. state.Markers.Skip(1).Select(m => m.Time)];
        bool goodSnapshot = state.MetadataFiles.Any(f => f.Time == good && f.Name.Type == IncrementType.Snapshot);
        return state.Files.Where(f => (failed.Contains(f.Time) && !f.BaseIs("current_mirror"u8))
            || (goodSnapshot && f.Time == good && f.BaseIs("mirror_metadata"u8) && f.Name.Type == IncrementType.Diff));
    }

    private void RebuildSnapshot(RepositoryState state, SessionFile diff)
    {
        byte[] diffName = _layout.Quoting.Unquote(diff.Path.AsSpan((diff.Path.AsSpan().LastIndexOf((byte)'/') + 1)..));
        string timestamp = Timestamp(diffName, "mirror_metadata"u8);
        // Always gzipped and named .gz, as rdiff-backup's recreate_attr does whatever the diff was
        // (its --no-compression under API 201 would write plain bytes under the .gz name).
        byte[] target = _layout.DataFile(IncrementName.Format("mirror_metadata"u8, timestamp, IncrementType.Snapshot, compressed: true));
        (byte[] temp, SafeFileHandle created) = _temps.CreateFile(_layout.Tree, _layout.DataDirectory);
        using (var file = new FileStream(created, FileAccess.Write, 1 << 16))
        {
            using (Stream output = new GzipWriteStream(file, CompressionLevel.Optimal, leaveOpen: true))
            using (var writer = new MirrorMetadataWriter(output, leaveOpen: false))
            using (var reader = new MetadataChainReader(state.MetadataChainFrom(_regressTime), null, null, _layout.Tree))
            {
                foreach (Model.MetadataRecord record in reader.Records())
                {
                    writer.Write(record);
                }
            }
            if (_fsync)
            {
                PosixFs.Fsync(file.SafeFileHandle);
            }
        }
        _layout.Tree.Rename(temp, target);
        SyncDirectory(_layout.DataDirectory);
    }

    /// <summary>The timestamp text of a session file's unquoted name "&lt;base&gt;.&lt;time&gt;.&lt;type&gt;[.gz]".</summary>
    internal static string Timestamp(ReadOnlySpan<byte> unquotedName, ReadOnlySpan<byte> baseName)
    {
        ReadOnlySpan<byte> rest = unquotedName[(baseName.Length + 1)..];
        if (rest.EndsWith(".gz"u8))
        {
            rest = rest[..^3];
        }
        return Encoding.UTF8.GetString(rest[..rest.LastIndexOf((byte)'.')]);
    }

    private void DeleteLongNameIncrements()
    {
        if (!_layout.Tree.TryLStat(_layout.LongNameDirectory, out FileStatus status) || status.Kind != Model.FileKind.Directory)
        {
            return;
        }
        foreach (byte[] name in _layout.Tree.ReadDirectory(_layout.LongNameDirectory))
        {
            bool failedIncrement = IncrementName.TryParse(_layout.Quoting.Unquote(name), out IncrementName parsed) && parsed.Time >= _regressTime && parsed.Type != IncrementType.Data;
            // A bare number is a mirror file; one the good metadata does not name was made by the failed session.
            bool strayMirror = name.Length > 0 && name.AsSpan().IndexOfAnyExceptInRange((byte)'0', (byte)'9') < 0
                && !_longMirrorNames.Contains(Encoding.ASCII.GetString(name));
            if (failedIncrement || strayMirror)
            {
                _layout.Tree.UnlinkIfPresent(RepositoryLayout.Join(_layout.LongNameDirectory, name));
            }
        }
    }

    private void SyncDirectory(byte[] directory)
    {
        if (_fsync)
        {
            _layout.Tree.FsyncPath(directory);
        }
    }

    private static byte[] Parent(byte[] path) => path[..path.AsSpan().LastIndexOf((byte)'/')];
}
