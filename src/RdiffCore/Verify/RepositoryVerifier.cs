using RdiffCore.Changes;
using RdiffCore.Restore;
using RdiffCore.Storage;

namespace RdiffCore.Verify;

/// <summary>
/// `verify`: every regular file of a session (or of a subtree) is rebuilt from the mirror and the
/// reverse deltas and its SHA-1 compared with the one the metadata recorded, as rdiff-backup's
/// compare.Verify does. A file that cannot be rebuilt counts as bad and the check goes on; damaged
/// metadata ends the walk at the damage, which is reported too, and so is every path the mirror and
/// the increments show but the metadata lacks (<see cref="PresenceCheck"/>).
/// </summary>
public static class RepositoryVerifier
{
    /// <summary>Runs the verify; each bad or unhashed file is reported through <paramref name="report"/> and counted.</summary>
    public static VerifyResult Run(VerifyOptions options, VerifyReport report)
    {
        using SessionView view = SessionView.Open(options.Repository, options.At, options.CurrentTime, options.CharsToQuote, options.TimeZone, report.Warning);
        using ScratchDirectory scratch = ScratchDirectory.Create(options.TempDirectory, "rdiffsharp-verify-");
        var increments = new IncrementIndex(view.Layout);
        var hasher = new RebuiltFileHasher(view.Layout, increments, view.MirrorTime, scratch);
        var pass = new VerifyPass(hasher, view.Session, view.SubPath, report);
        var presence = new PresenceCheck(view.Layout, increments, view.Session, view.MirrorTime, view.SubPath);
        if (MetadataFromTree.Announcement(view.State, view.Session) is string announcement)
        {
            report.Warning(announcement);
        }
        // Each entry is a safe point for a signal.
        pass.Run(presence.Watch(MetadataFromTree.OrMetadata(view.State, view.Session, view.SubPath)).Select(record =>
        {
            options.Stop.ThrowIfCancellationRequested();
            return record;
        }));
        // Paths the metadata lost quietly were never verified: each counts as bad.
        int lacking = pass.MetadataDamaged ? 0 : RestoreEngine.ReportMissing(presence.Missing, view.State, view.Session,
            line => report.Bad($"{char.ToUpperInvariant(line[0])}{line[1..]}. Your backup repository may be corrupted!"));
        return new VerifyResult(view.Session, pass.Verified, pass.Bad + lacking, pass.WithoutHash);
    }
}
