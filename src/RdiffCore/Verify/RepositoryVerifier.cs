using System.Text;
using RdiffCore.Changes;
using RdiffCore.History;
using RdiffCore.Model;
using RdiffCore.Restore;
using RdiffCore.Storage;

namespace RdiffCore.Verify;

/// <summary>
/// `verify`: every regular file of a session (or of a subtree) is rebuilt from the mirror and the
/// reverse deltas and its SHA-1 compared with the one the metadata recorded, as rdiff-backup's
/// compare.Verify does. A file that cannot be rebuilt counts as bad and the check goes on; damaged
/// metadata ends the walk at the damage, which is reported too.
/// </summary>
public static class RepositoryVerifier
{
    /// <summary>Runs the verify; each bad or unhashed file is reported through <paramref name="report"/> and counted.</summary>
    public static VerifyResult Run(VerifyOptions options, VerifyReport report)
    {
        (RepositoryLayout plainLayout, RelPath quotedSubPath) = RestoreEngine.Locate(RepositoryPreparer.Absolute(options.Repository));
        using RepositoryLock repositoryLock = RepositoryLock.Take(plainLayout, exclusive: false, 200, "");
        RepositoryLayout layout = plainLayout.WithQuoting(RepositorySettings.ForReading(plainLayout, options.CharsToQuote).Quoting);
        RelPath subPath = layout.Quoting.Unquote(quotedSubPath);
        RepositoryState state = RepositoryState.Read(layout);
        if (state.MirrorTime is not long mirrorTime)
        {
            throw new RdiffException($"'{RepositoryPreparer.Show(layout.Root)}' has no finished backup to verify");
        }
        if (state.Interrupted)
        {
            throw new NeedsRegressException(
                $"the last backup to '{RepositoryPreparer.Show(layout.Root)}' was interrupted; run 'rdiffsharp regress {RepositoryPreparer.Show(layout.Root)}' first");
        }
        long now = options.CurrentTime ?? DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        long session = RestoreEngine.Snap(state.SessionTimes, TimeSpec.Parse(options.At, now, state.SessionTimes, options.TimeZone ?? TimeZoneInfo.Local));
        DirectoryInfo temp = Directory.CreateTempSubdirectory("rdiffsharp-verify-");
        try
        {
            var hasher = new RebuiltFileHasher(layout, new IncrementIndex(layout), mirrorTime, Encoding.UTF8.GetBytes(temp.FullName));
            var pass = new VerifyPass(hasher, session, subPath, report);
            pass.Run(PreviousMetadata.Read(state, session));
            return new VerifyResult(session, pass.Verified, pass.Bad, pass.WithoutHash);
        }
        finally
        {
            temp.Delete(recursive: true);
        }
    }
}
