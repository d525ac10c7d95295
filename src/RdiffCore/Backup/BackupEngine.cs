using System.Text.RegularExpressions;
using RdiffCore.Changes;
using RdiffCore.Increments;
using RdiffCore.Metadata;
using RdiffCore.Model;
using RdiffCore.Regress;
using RdiffCore.Platform.Posix;
using RdiffCore.Selection;
using RdiffCore.Sessions;
using RdiffCore.Source;
using RdiffCore.Storage;

namespace RdiffCore.Backup;

/// <summary>
/// One backup session, read top to bottom as its stages: open the repository, walk the source,
/// collate with the previous metadata, update the mirror and write increments and metadata, commit.
/// </summary>
public static class BackupEngine
{
    /// <summary>rdiff-backup's default --not-compressed-regexp: formats that are compressed already.</summary>
    public const string DefaultNoCompressionRegex =
        @".*\.(7z|aac|arj|asc|avi|bik|bz|bz2|deb|docx|flac|flv|gif|gpg|gz|jp2|jpeg|jpg|jsonlz4|lharc|lz4|lzh|lzma|lzo|m4a|m4v|mdf|mkv|mov|mozlz4|mp3|mp4|mpeg|mpg|oga|ogg|ogm|ogv|opus|pgp|pk3|png|rar|rm|rpm|rz|shn|tgz|tzst|vob|webm|webp|wma|wmv|xlsx|xz|z|zip|zoo|zst)$";

    /// <summary>Runs the backup; per-file problems are logged and counted, fatal ones throw <see cref="RdiffException"/>.</summary>
    public static BackupResult Run(BackupOptions options, Action<string> warn) => Run(options, warn, source => source);

    /// <summary>
    /// The same, with the source tree passed through <paramref name="wrapSource"/>, where tests change
    /// real files at chosen moments of a session.
    /// </summary>
    internal static BackupResult Run(BackupOptions options, Action<string> warn, Func<ISourceTree, ISourceTree> wrapSource)
    {
        // Mapping files are read first, as rdiff-backup's argparse reads them: a bad one is named before anything else.
        Owners owners = ReadMappings(options);
        // Selection rules match paths as the user typed the source, as rdiff-backup's do.
        byte[] sourceAsGiven = options.Source;
        BackupOptions absolute = options with { Source = PosixFs.AbsolutePath(options.Source), Repository = PosixFs.AbsolutePath(options.Repository) };
        RepositoryPreparer.CheckSource(absolute.Source);
        RepositoryPreparer.CheckOverlap(absolute.Source, absolute.Repository);
        using LocalSourceTree local = LocalSourceTree.Open(sourceAsGiven, absolute.Source, new SourceOptions(options.Xattrs, options.Acls, options.HardLinks),
            options.Selection, options.NullSeparator, SkipRepositoryInsideSource(absolute));
        return Run(options with { Source = absolute.Source }, warn, wrapSource(local), RepositoryPreparer.Show(options.Source), owners);
    }

    /// <summary>
    /// Runs the backup from a source that is already open and checked (a local one, or the far side
    /// of a connection, which walks and reads there); <paramref name="shownSource"/> names it in backup.log,
    /// and <paramref name="shownRepository"/> the repository when its path is not the one the user gave (a server's pinned directory).
    /// </summary>
    internal static BackupResult Run(BackupOptions options, Action<string> warn, ISourceTree source, string shownSource, Owners? owners = null,
        string? shownRepository = null)
    {
        // The path as the user gave it, for backup.log (rdiff-backup logs it so).
        shownRepository ??= RepositoryPreparer.Show(options.Repository);
        options = options with { Repository = PosixFs.AbsolutePath(options.Repository) };
        var plainLayout = new RepositoryLayout(options.Repository);
        // Mapping files are read first: a bad one must fail before the repository is touched.
        (OwnerNames names, OwnerMap users, OwnerMap groups) = owners ?? ReadMappings(options);
        if (options.CurrentTime is long given && !SessionTime.CanName(given))
        {
            throw new UsageException($"--current-time {given} is out of range: session names hold the years 1901 to 2099; give a time within them");
        }
        Regex noCompression = NoCompression(options);
        RepositoryPreparer.Prepare(plainLayout, options.Force);
        TimeZoneInfo zone = options.TimeZone ?? TimeZoneInfo.Local;
        // rdiff-backup writes every timestamp with the zone offsets its process fixed when it started,
        // from the real clock, whatever --current-time says (WriterZone).
        long started = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        long now = options.CurrentTime ?? started;

        using RepositoryLock repositoryLock = RepositoryLock.Take(
            plainLayout, exclusive: true, options.ApiVersion, SessionTime.Format(now, zone, options.CompatibleTimestamps, started));
        RepositorySettings settings = RepositorySettings.ForBackup(plainLayout, options.CharsToQuote);
        RepositoryLayout layout = plainLayout.WithQuoting(settings.Quoting);
        bool compatible = options.CompatibleTimestamps || settings.ForcesCompatibleTimestamps;
        string time = SessionTime.Format(now, zone, compatible, started);
        RepositoryState state = RepositoryState.Read(layout);
        if (state.MirrorTime is not null)
        {
            // Refused as rdiff-backup refuses it (a backup takes no --allow-duplicate-timestamps),
            // but before anything is written. The duplicates a killed commit leaves are the
            // regress's to remove and do not count; no crash leaves any other, and which of two
            // files is right cannot be known.
            MetadataDuplicates.Check(state, shownRepository, allow: false, warn);
        }
        bool regressed = state.Interrupted;
        if (regressed)
        {
            // rdiff-backup regresses an interrupted repository first, logged in backup.log (§3.1 step 4).
            using (ActionLog regressLog = ActionLog.Open(layout, "backup", options.ApiVersion))
            {
                RegressEngine.RegressBeforeBackup(layout, state, options.Force, options.Fsync, new Owners(names, users, groups), regressLog.Note, line =>
                {
                    regressLog.Warning(line);
                    warn(line);
                });
            }
            state = RepositoryState.Read(layout);
        }
        RepositoryPreparer.CheckState(layout, state, now);
        if (state.MirrorTime is long last)
        {
            PreviousMetadata.Check(state, last);
        }
        // Increments carry the previous session's time as this process writes it.
        string? previousName = state.MirrorTime is long p ? SessionTime.Format(p, zone, compatible, started) : null;

        using ActionLog log = ActionLog.Open(layout, "backup", options.ApiVersion);
        // rdiff-backup's own words, which differ between its API 200 and 201 code paths.
        string operation = options.ApiVersion >= 201 ? "backup operation" : previousName is null ? "mirror" : "increment operation";
        log.Note($"Starting {operation} from source path {shownSource} to destination path {shownRepository}");
        CommitQueue queue = new(layout.Tree, options.Fsync && previousName is not null);
        Action<string> logged = line =>
        {
            log.Warning(line);
            warn(line);
        };
        bool root = Environment.IsPrivilegedProcess;
        var mirrorAttributes = new AttributeApplier(names, users, groups, setOwners: root, options.Xattrs, options.Acls, logged, ownerAccess: !root);
        try
        {
            return RunSession(options, layout, state, now, time, previousName, queue, source, mirrorAttributes, noCompression, logged) with { Regressed = regressed };
        }
        catch (OperationCanceledException e)
        {
            // Stopped: the mirror keeps the states the synced increments describe, as after a crash.
            queue.Abandon();
            throw new StoppedException(previousName is null
                ? $"the first backup into '{shownRepository}' stopped part way; the next backup starts it over"
                : $"the repository '{shownRepository}' is left as an interrupted backup, which the next backup or 'rdiffsharp regress {shownRepository}' repairs", e);
        }
        catch (Remote.Wire.ProtocolException e)
        {
            // The source side went away: as after a crash, the synced increments describe the mirror.
            queue.Abandon();
            throw new Remote.Wire.ProtocolException(previousName is null
                ? $"{e.Message}; the first backup into '{shownRepository}' stopped part way, and the next backup starts it over"
                : $"{e.Message}; the repository '{shownRepository}' is left as an interrupted backup, which the next backup or 'rdiffsharp regress {shownRepository}' repairs", e);
        }
        catch (PosixException e) when (e.Errno is Errno.EACCES or Errno.EPERM or Errno.EROFS && e.Path.AsSpan().StartsWith(options.Repository))
        {
            // The first write into a repository of another owner or on read-only media (the marker).
            queue.Abandon();
            throw new RdiffException(
                $"cannot write to the repository ({e.Message}); a backup needs write access: run as the repository's owner, or mount it read-write", e);
        }
        catch (Exception e) when (RepositoryFullException.IsFull(e))
        {
            queue.Abandon();
            throw RepositoryFullException.For(shownRepository, previousName is null, e);
        }
    }

    private static BackupResult RunSession(BackupOptions options, RepositoryLayout layout, RepositoryState state, long now, string time, string? previousName,
        CommitQueue queue, ISourceTree source, AttributeApplier mirrorAttributes, Regex noCompression, Action<string> warn)
    {
        TimeZoneInfo zone = options.TimeZone ?? TimeZoneInfo.Local;
        long? previous = state.MirrorTime;
        var committer = new SessionCommitter(layout, options.Fsync);
        if (previousName is not null)
        {
            committer.WriteMarker(time);
        }
        var statistics = new SessionStatistics { StartTime = now };
        bool root = Environment.IsPrivilegedProcess;
        bool compressMetadata = options.ApiVersion < 201 || options.Compression;
        using var errors = new ErrorLog(MaybeGzipFile.Create(layout.DataFile($"error_log.{time}.data"), options.Compression, options.Fsync, layout.Tree), warn);
        using FileStatisticsWriter? fileStatistics = options.FileStatistics
            ? new FileStatisticsWriter(MaybeGzipFile.Create(layout.DataFile($"file_statistics.{time}.data"), options.Compression, options.Fsync, layout.Tree), nullSeparator: false)
            : null;

        using (var metadata = new SessionMetadataWriter(layout.DataFile, time, compressMetadata, options.Compression, options.Xattrs, options.Acls, options.Fsync, layout.Tree))
        {
            var longNames = new LongNames(layout, options.Fsync);
            var context = new BackupContext
            {
                Options = options,
                Layout = layout,
                Source = source,
                Increments = previousName is null ? null : new IncrementWriter(layout, longNames, previousName, options.Compression, noCompression, root),
                Queue = queue,
                LongNames = longNames,
                MirrorAttributes = mirrorAttributes,
                Errors = errors,
                Statistics = statistics,
                FileStatistics = fileStatistics,
                Metadata = metadata,
                TempNames = TempNames.ForBackup(),
                PreviousTime = previous,
            };
            if (context.Increments is { } increments)
            {
                queue.IncrementsWritten = () => increments.FilesWritten;
            }
            var updater = new MirrorUpdater(context);
            // Without metadata the existing mirror is the old state (a first backup with --force, or
            // after a failed first backup), as rdiff-backup lists it.
            IEnumerable<MetadataRecord> old = previous is long t
                ? PreviousMetadata.Read(state, t)
                : ExistingMirror(layout, errors);
            var forecast = new DataForecast(context, noCompression);
            IEnumerable<(SourceEntry?, MetadataRecord?)> collated = Collator.Join(source.Walk(errors), e => e.Record.Path, old, r => r.Path);
            foreach ((SourceEntry? entry, MetadataRecord? record) in source.LookAhead(collated, forecast.Want))
            {
                // The safe point for a signal: the last entry is finished; its queued changes are dropped below.
                options.Stop.ThrowIfCancellationRequested();
                updater.Process(entry, record);
            }
            updater.Finish();
            context.Queue.Flush();
            statistics.IncrementFiles = context.Increments?.FilesWritten ?? 0;
            statistics.IncrementFileSize = context.Increments?.BytesWritten ?? 0;
        }

        if (previousName is not null)
        {
            // Found by name: where a zone's offsets changed, the name need not parse back to the session time.
            byte[] snapshotName = layout.DataFile($"mirror_metadata.{time}.snapshot");
            byte[] newSnapshot = RepositoryState.Read(layout).MetadataFiles.First(f => f.Path.AsSpan().StartsWith(snapshotName)).Path;
            committer.ConvertPreviousSnapshot(state, previous!.Value, previousName, newSnapshot, compressMetadata);
            committer.Commit(state.Markers[0]);
        }
        else
        {
            // The first backup's mirror was never synced batch by batch: once, before its marker.
            if (options.Fsync)
            {
                layout.Tree.SyncFs();
            }
            committer.WriteMarker(time);
        }
        statistics.EndTime = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0;
        statistics.Errors = errors.Count;
        committer.WriteStatistics(time, statistics, zone);
        return new BackupResult(now, errors.Count, statistics.NewFiles + statistics.ChangedFiles + statistics.DeletedFiles);
    }

    private static Owners ReadMappings(BackupOptions options)
    {
        var names = new OwnerNames();
        return new Owners(names, OwnerMap.Create(names, users: true, options.PreserveNumericalIds, options.UserMappingFile),
            OwnerMap.Create(names, users: false, options.PreserveNumericalIds, options.GroupMappingFile));
    }

    /// <summary>The mirror as it lies on disk, names unquoted and in canonical order.</summary>
    private static IEnumerable<MetadataRecord> ExistingMirror(RepositoryLayout layout, ErrorLog errors)
    {
        IEnumerable<MetadataRecord> records = new SourceWalker(layout.Root, new SourceOptions(false, false, false), new OwnerNames(), errors)
            .Walk([layout.DataDirectory]).Select(e => e.Record);
        if (!layout.Quoting.IsActive)
        {
            return records;
        }
        // Unquoting can change the order; such a mirror is small enough to sort (a forced first backup).
        return records.Select(r => r with { Path = layout.Quoting.Unquote(r.Path) }).OrderBy(r => r.Path, RelPathComparer.Instance).ToList();
    }

    // Compiled before anything is written: a bad expression is a usage error that leaves no trace.
    private static Regex NoCompression(BackupOptions options)
    {
        try
        {
            return new(@"\A(?:" + (options.NoCompressionRegex ?? DefaultNoCompressionRegex) + ")",
                options.NoCompressionRegex is null ? RegexOptions.IgnoreCase | RegexOptions.CultureInvariant : RegexOptions.CultureInvariant);
        }
        catch (ArgumentException e)
        {
            throw new UsageException($"--not-compressed-regexp '{options.NoCompressionRegex}' is not a regular expression ({e.Message}); correct it");
        }
    }

    // A repository inside the source tree must not back itself up: the walk skips it under the name
    // it has there, which need not be the name given (a symlink or ".." on the way).
    private static List<byte[]> SkipRepositoryInsideSource(BackupOptions options)
    {
        ReadOnlySpan<byte> source = options.Source;
        ReadOnlySpan<byte> repository = options.Repository;
        var skip = new List<byte[]>();
        if (repository.StartsWith(source) && repository.Length > source.Length && repository[source.Length] == (byte)'/')
        {
            skip.Add(options.Repository);
        }
        if (PathOverlap.PathBelow(options.Repository, options.Source) is { } inside && !skip.Exists(s => s.AsSpan().SequenceEqual(inside)))
        {
            skip.Add(inside);
        }
        return skip;
    }
}
