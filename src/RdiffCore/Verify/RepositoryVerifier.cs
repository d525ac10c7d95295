using System.Text;
using RdiffCore.Changes;
using RdiffCore.Restore;

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
        using SessionView view = SessionView.Open(options.Repository, options.At, options.CurrentTime, options.CharsToQuote, options.TimeZone, report.Warning);
        DirectoryInfo temp = Directory.CreateTempSubdirectory("rdiffsharp-verify-");
        try
        {
            var hasher = new RebuiltFileHasher(view.Layout, new IncrementIndex(view.Layout), view.MirrorTime, Encoding.UTF8.GetBytes(temp.FullName));
            var pass = new VerifyPass(hasher, view.Session, view.SubPath, report);
            // Each entry is a safe point for a signal.
            pass.Run(PreviousMetadata.Read(view.State, view.Session).Select(record =>
            {
                options.Stop.ThrowIfCancellationRequested();
                return record;
            }));
            return new VerifyResult(view.Session, pass.Verified, pass.Bad, pass.WithoutHash);
        }
        finally
        {
            temp.Delete(recursive: true);
        }
    }
}
