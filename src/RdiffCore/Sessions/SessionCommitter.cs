using System.Text;
using RdiffCore.Increments;
using RdiffCore.Metadata;
using RdiffCore.Model;
using RdiffCore.Platform.Posix;
using RdiffCore.Storage;

namespace RdiffCore.Sessions;

/// <summary>
/// The session files whose order makes a backup crash-safe (format.md §3.1, §3.3):
/// the new current_mirror marker first (incremental) or last (initial), the previous snapshot turned
/// into a diff only after the new snapshot is durable, and the old marker removed last.
/// </summary>
internal sealed class SessionCommitter(RepositoryLayout layout, bool fsync)
{
    /// <summary>rdiff-backup keeps a snapshot when the chain of diffs behind it reaches this length.</summary>
    private const int MaxChain = 9;

    public void WriteMarker(string time)
    {
        byte[] marker = layout.DataFile($"current_mirror.{time}.data");
        using (var file = new FileStream(layout.Tree.CreateNew(marker, 0b110_000_000), FileAccess.Write, 1))
        {
            file.Write(Encoding.ASCII.GetBytes($"PID {Environment.ProcessId}\n"));
            if (fsync)
            {
                PosixFs.Fsync(file.SafeFileHandle);
            }
        }
        SyncDataDirectory();
    }

    /// <summary>
    /// Turns the previous session's snapshot into the diff that rebuilds it from the new snapshot
    /// (§1.6), unless the chain of diffs behind it is already long: the diff is durable before the
    /// snapshot goes.
    /// </summary>
    public void ConvertPreviousSnapshot(RepositoryState state, long previousTime, string previousName, byte[] newSnapshot, bool compress)
    {
        List<SessionFile> older = [.. state.MetadataFiles.Where(f => f.Time <= previousTime).OrderByDescending(f => f.Time)];
        if (older.Count == 0 || older[0].Time != previousTime || older[0].Name.Type != IncrementType.Snapshot)
        {
            return;
        }
        int chain = 1 + older.Skip(1).TakeWhile(f => f.Name.Type == IncrementType.Diff).Count();
        if (chain >= MaxChain)
        {
            return;
        }
        byte[] diffBase = layout.DataFile($"mirror_metadata.{previousName}.diff");
        using (MaybeGzipFile output = MaybeGzipFile.Create(diffBase, compress, fsync, layout.Tree))
        using (var writer = new MirrorMetadataWriter(output))
        using (Stream oldStream = MetadataFile.OpenRead(older[0].Path, layout.Tree))
        using (Stream newStream = MetadataFile.OpenRead(newSnapshot, layout.Tree))
        using (var oldReader = new MirrorMetadataReader(oldStream))
        using (var newReader = new MirrorMetadataReader(newStream))
        {
            MetadataDiff.Write(oldReader.Records(), newReader.Records(), writer);
        }
        SyncDataDirectory();
        layout.Tree.Unlink(older[0].Path);
    }

    /// <summary>Makes everything written durable, then removes the previous marker: the session is committed.</summary>
    public void Commit(SessionFile previousMarker)
    {
        if (fsync)
        {
            layout.Tree.SyncFs();
        }
        layout.Tree.Unlink(previousMarker.Path);
        SyncDataDirectory();
    }

    public void WriteStatistics(string time, SessionStatistics statistics, TimeZoneInfo zone)
    {
        byte[] path = layout.DataFile($"session_statistics.{time}.data");
        using var file = new FileStream(layout.Tree.CreateNew(path, 0b110_000_000), FileAccess.Write, 1);
        file.Write(Encoding.UTF8.GetBytes(statistics.ToText(zone)));
    }

    private void SyncDataDirectory()
    {
        if (fsync)
        {
            layout.Tree.FsyncPath(layout.DataDirectory);
        }
    }
}
