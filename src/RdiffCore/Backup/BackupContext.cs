using RdiffCore.Increments;
using RdiffCore.Metadata;
using RdiffCore.Model;
using RdiffCore.Reporting;
using RdiffCore.Sessions;
using RdiffCore.Source;
using RdiffCore.Storage;

namespace RdiffCore.Backup;

/// <summary>Everything one backup session's repository side works with, passed explicitly.</summary>
internal sealed class BackupContext
{
    private RelPath? _lastWritten;

    public required BackupOptions Options { get; init; }

    public required RepositoryLayout Layout { get; init; }

    public required ISourceTree Source { get; init; }

    /// <summary>Null for the first backup, which has no previous state to preserve.</summary>
    public IncrementWriter? Increments { get; init; }

    public required CommitQueue Queue { get; init; }

    /// <summary>Name-length decisions and long_filename_data numbers (§1.10).</summary>
    public required LongNames LongNames { get; init; }

    public required AttributeApplier MirrorAttributes { get; init; }

    public required IFileErrors Errors { get; init; }

    public required SessionStatistics Statistics { get; init; }

    public FileStatisticsWriter? FileStatistics { get; init; }

    public required SessionMetadataWriter Metadata { get; init; }

    public required TempNames TempNames { get; init; }

    /// <summary>The previous session's time, null for the first backup.</summary>
    public long? PreviousTime { get; init; }

    /// <summary>Stores a path's record for this session and counts it (§1.11, §1.12).</summary>
    public void WriteRecord(MetadataRecord record, bool changed, long? sourceSize, long? mirrorSize, long? incrementSize)
    {
        Metadata.Write(record);
        _lastWritten = record.Path;
        SessionStatistics s = Statistics;
        s.SourceFiles++;
        s.SourceFileSize += sourceSize ?? 0;
        if (mirrorSize is long mirror)
        {
            s.MirrorFiles++;
            s.MirrorFileSize += mirror;
        }
        if (changed)
        {
            if (mirrorSize is null)
            {
                s.NewFiles++;
                s.NewFileSize += sourceSize ?? 0;
            }
            else
            {
                s.ChangedFiles++;
                s.ChangedSourceSize += sourceSize ?? 0;
                s.ChangedMirrorSize += mirrorSize ?? 0;
            }
        }
        FileStatistics?.Write(record.Path, changed, sourceSize, mirrorSize, incrementSize);
    }

    public void RecordDeleted(MetadataRecord old, long? incrementSize)
    {
        long size = old.Kind == FileKind.Regular ? old.Size : 0;
        Statistics.MirrorFiles++;
        Statistics.MirrorFileSize += size;
        Statistics.DeletedFiles++;
        Statistics.DeletedFileSize += size;
        FileStatistics?.Write(old.Path, true, null, size, incrementSize);
    }

    public bool IsLastWritten(RelPath path) => _lastWritten is RelPath last && last == path;
}
