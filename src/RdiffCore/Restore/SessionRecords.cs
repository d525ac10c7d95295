using RdiffCore.Changes;
using RdiffCore.Increments;
using RdiffCore.Model;
using RdiffCore.Sessions;

namespace RdiffCore.Restore;

/// <summary>
/// The history side of a restore: the records of one session at and below the path asked for, read
/// from its metadata (checked against what the mirror and the increments show), or from the mirror
/// and the increments when there is no metadata. Damage met on the way is named and counted.
/// </summary>
internal sealed class SessionRecords
{
    private readonly SessionView _view;
    private readonly Action<string> _warn;
    private readonly PresenceCheck _presence;
    private readonly bool _noMetadata;
    private bool _found;
    private int _damaged;

    public SessionRecords(SessionView view, Action<string> warn)
    {
        _view = view;
        _warn = warn;
        Increments = new IncrementIndex(view.Layout);
        _presence = new PresenceCheck(view.Layout, Increments, view.Session, view.MirrorTime, view.SubPath);
        _noMetadata = view.State.MetadataFiles.Count == 0;
    }

    /// <summary>The increments of each path, for rebuilding file data.</summary>
    public IncrementIndex Increments { get; }

    /// <summary>The records in canonical order; <paramref name="stop"/> is checked between two of them.</summary>
    public IEnumerable<MetadataRecord> Read(CancellationToken stop)
    {
        if (MetadataFromTree.Announcement(_view.State, _view.Session) is string announcement)
        {
            _warn(announcement);
        }
        // Without metadata the records come from the very listings the check would make.
        return _noMetadata ? Below(stop) : _presence.Watch(Below(stop));
    }

    /// <summary>
    /// After the records were read: names what the metadata lacks, and refuses a path that did not
    /// exist in the session. Returns the paths lost (damaged or lacking), which count as errors.
    /// </summary>
    public int Finish(Action<string> warn, Action<string> show)
    {
        // Damage already named explains what is missing; otherwise the metadata lost records quietly.
        int lacking = _damaged == 0 ? RestoreEngine.ReportMissing(_presence.Missing, _view.State, _view.Session, warn) : 0;
        // Damaged metadata was named already, and counts; the path may well be in what it hid.
        if (!_found && _damaged == 0 && _view.Increment is { Type: IncrementType.Missing })
        {
            // The increment itself says the path was absent then: nothing to restore, as in rdiff-backup (exit 0).
            show($"'{_view.SubPath}' did not exist at {RestoreEngine.SessionTimeText(_view.Increment.Value.Time)} (its increment is a .missing marker): nothing was restored");
        }
        else if (!_found && _damaged == 0)
        {
            throw new RdiffException($"'{_view.SubPath}' did not exist in the backup of {RestoreEngine.SessionTimeText(_view.Session)}; list the backups with 'rdiffsharp list increments'");
        }
        return _damaged + lacking;
    }

    private IEnumerable<MetadataRecord> All() => _noMetadata
        ? new MetadataFromTree(_view.Layout, Increments, _view.Session, _view.MirrorTime).Read(_view.SubPath)
        : MetadataSalvage.Read(PreviousMetadata.Read(_view.State, _view.Session), _view.Layout, _view.Session == _view.MirrorTime, line =>
        {
            _damaged++;
            _warn(line);
        });

    private IEnumerable<MetadataRecord> Below(CancellationToken stop)
    {
        RelPath subPath = _view.SubPath;
        foreach (MetadataRecord record in All())
        {
            // The safe point for a signal: between two entries.
            stop.ThrowIfCancellationRequested();
            if (!record.Path.IsAtOrBelow(subPath))
            {
                if (_found)
                {
                    yield break;
                }
                continue;
            }
            _found = true;
            yield return record;
        }
    }
}
