using RdiffCore.Increments;
using RdiffCore.Model;
using RdiffCore.Platform.Posix;
using RdiffCore.Sessions;
using RdiffCore.Storage;

namespace RdiffCore.Regress;

/// <summary>
/// `regress` (`--check-destination-dir`): repairs a repository whose last backup was interrupted,
/// as rdiff-backup 2.2 does (format.md §3.5), logging to regress.log.
/// </summary>
public static class RegressEngine
{
    /// <summary>Regresses the repository if it needs it; <paramref name="note"/> and <paramref name="warn"/> receive rdiff-backup's messages.</summary>
    public static RegressResult Run(RegressOptions options, Action<string> note, Action<string> warn)
    {
        CheckRegex(options.NotCompressedRegexp);
        // Mapping files are read before anything is touched: a bad one changes nothing.
        var names = new OwnerNames();
        var owners = new Owners(
            names,
            OwnerMap.Create(names, users: true, options.PreserveNumericalIds, options.UserMappingFile),
            OwnerMap.Create(names, users: false, options.PreserveNumericalIds, options.GroupMappingFile));
        byte[] root = PosixFs.AbsolutePath(options.Repository);
        var plainLayout = new RepositoryLayout(root);
        if (!PosixFs.TryLStat(plainLayout.DataDirectory, out FileStatus data) || data.Kind != FileKind.Directory)
        {
            throw new RdiffException($"'{RepositoryPreparer.Show(root)}' is not a repository (no rdiff-backup-data); give the backup's directory");
        }
        using RepositoryLock repositoryLock = RepositoryLock.Take(plainLayout, exclusive: true, options.ApiVersion, "");
        RepositoryLayout layout = plainLayout.WithQuoting(RepositorySettings.ForReading(plainLayout, options.CharsToQuote).Quoting);
        RepositoryState state = RepositoryState.Read(layout);
        using ActionLog log = ActionLog.Open(layout, "regress", options.ApiVersion);
        Action<string> logNote = line =>
        {
            log.Note(line);
            note(line);
        };
        Action<string> logWarn = line =>
        {
            log.Warning(line);
            warn(line);
        };
        if (state.MirrorTime is null)
        {
            throw new RdiffException(
                $"'{RepositoryPreparer.Show(layout.DataDirectory)}' has no current_mirror marker; if the first backup failed, delete rdiff-backup-data and back up again");
        }
        if (state.Interrupted)
        {
            RepositoryPreparer.CheckNotRunning(layout, state, options.Force);
            logWarn("Previous backup seems to have failed, regressing destination now");
            MetadataDuplicates.Check(state, RepositoryPreparer.Show(options.Repository), options.AllowDuplicateTimestamps, logWarn);
            Regressor regressor = Regress(layout, state, owners, options.Fsync, logNote, logWarn);
            return new RegressResult(state.Markers[0].Time, Warning: true, regressor.Errors);
        }
        if (!options.Force || options.ApiVersion < 201)
        {
            logNote("Given repository doesn't need to be regressed");
            return new RegressResult(null, Warning: false, 0);
        }
        MetadataDuplicates.Check(state, RepositoryPreparer.Show(options.Repository), options.AllowDuplicateTimestamps, logWarn);
        return ForceRegress(layout, state, owners, options.Fsync, logNote, logWarn);
    }

    /// <summary>
    /// The regress a backup runs first when the previous one was interrupted (§3.1 step 4), setting
    /// owners as the backup's own options say (by name, by id, or through its mapping files), as
    /// rdiff-backup does in the same process.
    /// </summary>
    internal static int RegressBeforeBackup(RepositoryLayout layout, RepositoryState state, bool force, bool fsync, Owners owners, Action<string> note, Action<string> warn)
    {
        RepositoryPreparer.CheckNotRunning(layout, state, force);
        warn("Previous backup seems to have failed, regressing destination now");
        return Regress(layout, state, owners, fsync, note, warn).Errors;
    }

    private static Regressor Regress(RepositoryLayout layout, RepositoryState state, Owners owners, bool fsync, Action<string> note, Action<string> warn)
    {
        note($"Regressing to date/time {Asctime.Format(state.Markers[0].Time, TimeZoneInfo.Local)}");
        bool xattrs = state.Find("extended_attributes"u8, state.Markers[0].Time) is not null;
        bool acls = state.Find("access_control_lists"u8, state.Markers[0].Time) is not null;
        // As rdiff-backup: where owners can be set (root), a path whose owner differs from the
        // recorded one (mapped by name, id or mapping file) is regressed even if nothing else differs.
        bool setOwners = Environment.IsPrivilegedProcess;
        var attributes = new AttributeApplier(owners.Names, owners.Users, owners.Groups, setOwners, xattrs, acls, warn);
        var regressor = new Regressor(layout, attributes, setOwners ? owners : null, fsync, warn);
        regressor.Run(state);
        return regressor;
    }

    /// <summary>
    /// rdiff-backup's force_regress (API 201): fakes a failed session by writing the marker of the
    /// session before the mirror's, then regresses to it.
    /// </summary>
    private static RegressResult ForceRegress(RepositoryLayout layout, RepositoryState state, Owners owners, bool fsync, Action<string> note, Action<string> warn)
    {
        List<long> times = [.. state.RootIncrementTimes, state.MirrorTime!.Value];
        times = [.. times.Distinct().Order()];
        if (times.Count < 2)
        {
            warn("Repository with only a mirror can't be forced to regress, just remove it and start from scratch");
            warn("Given repository doesn't need and can't be regressed even if forced");
            return new RegressResult(null, Warning: true, 0);
        }
        long previous = times[^2];
        SessionFile rootIncrement = state.Files.First(f => f.BaseIs("increments"u8) && f.Time == previous);
        byte[] unquoted = layout.Quoting.Unquote(rootIncrement.Path.AsSpan((rootIncrement.Path.AsSpan().LastIndexOf((byte)'/') + 1)..));
        string timestamp = Regressor.Timestamp(unquoted, "increments"u8);
        byte[] marker = layout.DataFile(IncrementName.Format("current_mirror"u8, timestamp, IncrementType.Data, compressed: false));
        using (var file = new FileStream(layout.Tree.CreateNew(marker, 0b110_000_000), FileAccess.Write, 1))
        {
            file.Write(System.Text.Encoding.ASCII.GetBytes($"PID {Environment.ProcessId}\n"));
        }
        warn("Given repository doesn't need to be regressed, but enforcing regression");
        RepositoryState faked = RepositoryState.Read(layout);
        Regressor regressor = Regress(layout, faked, owners, fsync, note, warn);
        return new RegressResult(previous, Warning: false, regressor.Errors);
    }

    /// <summary>rdiff-backup compiles --not-compressed-regexp even for regress; one that does not compile stops it before anything changes.</summary>
    private static void CheckRegex(string? regex)
    {
        if (regex is null)
        {
            return;
        }
        try
        {
            _ = new System.Text.RegularExpressions.Regex(regex, System.Text.RegularExpressions.RegexOptions.CultureInvariant);
        }
        catch (ArgumentException)
        {
            throw new RdiffException($"No compression regular expression '{regex}' doesn't compile; fix --not-compressed-regexp");
        }
    }
}
