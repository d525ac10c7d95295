using RdiffCore.Storage;

namespace RdiffCore.Regress;

/// <summary>
/// Two mirror_metadata files of one time (a snapshot and a diff, or two snapshots) leave it open
/// which one describes that session. rdiff-backup stops with a fatal error naming the newest such
/// file (the later one in directory order), or with --allow-duplicate-timestamps warns about each
/// and goes on. Backup and regress both check, before anything changes, the files the regress
/// would read: those it deletes unread (<see cref="Regressor.Unread"/>) are what a backup killed
/// while committing leaves, and are no ambiguity.
/// </summary>
internal static class MetadataDuplicates
{
    private const string Lead = "has a duplicate timestamp date, you might not be able to recover files on or earlier than this date.";

    /// <summary>Throws on the newest duplicate, or with <paramref name="allow"/> warns about each; <paramref name="shownRepository"/> is the path as the user gave it.</summary>
    public static void Check(RepositoryState state, string shownRepository, bool allow, Action<string> warn)
    {
        var unread = new HashSet<SessionFile>(Regressor.Unread(state), ReferenceEqualityComparer.Instance);
        IEnumerable<SessionFile> duplicates = state.MetadataFiles.Where(f => !unread.Contains(f))
            .GroupBy(f => f.Time).OrderByDescending(g => g.Key).SelectMany(g => g.Skip(1));
        foreach (SessionFile duplicate in duplicates)
        {
            string shown = $"{shownRepository}/rdiff-backup-data/{RepositoryPreparer.Show(duplicate.Path.AsSpan((duplicate.Path.AsSpan().LastIndexOf((byte)'/') + 1)..))}";
            if (!allow)
            {
                throw new RdiffException(
                    $"Metadata file '{shown}' {Lead} Check the man page on how to clean up your repository using the '--allow-duplicate-timestamps' option");
            }
            warn($"Metadata file '{shown}' {Lead} Assuming you're in the process of cleaning up your repository");
        }
    }
}
