using RdiffCore.Model;
using RdiffCore.Storage;

namespace RdiffCore.History;

/// <summary>
/// The read-only questions a user asks a repository, answered with rdiff-backup 2.2's text:
/// `list increments [--size]` and `list files`. Paths are "DEST[/PATH]" as given.
/// </summary>
public static class RepositoryHistory
{
    /// <summary>The whole text of `list increments`, plain or --parsable-output, with or without --size.</summary>
    public static string ListIncrements(byte[] path, bool sizes, bool parsable, int apiVersion, TimeZoneInfo zone)
    {
        RepositoryLocation location = RepositoryLocation.Find(path);
        if (sizes)
        {
            IReadOnlyList<IncrementSize> list = IncrementLister.Sizes(location);
            return parsable ? ListingText.ParsableSizes(list) : ListingText.Sizes(list, zone);
        }
        IReadOnlyList<IncrementEntry> entries = IncrementLister.Increments(location);
        return parsable ? ListingText.ParsableIncrements(entries, apiVersion) : ListingText.Increments(entries, zone);
    }

    /// <summary>
    /// The lines of `list files --at TIME` or, with <paramref name="changedSince"/>, of
    /// `list files --changed-since TIME`, streamed. The repository and the time are checked
    /// before the first line; a bad time is an <see cref="RdiffException"/> (rdiff-backup exits 1).
    /// </summary>
    public static IEnumerable<string> ListFiles(byte[] path, string time, bool changedSince, long now, TimeZoneInfo zone)
    {
        RepositoryLocation location = RepositoryLocation.Find(path);
        RepositoryState state = RepositoryState.Read(location.Layout);
        if (state.MirrorTime is null)
        {
            throw new NotARepositoryException(
                $"'{Platform.Posix.PrintablePath.From(location.Layout.Root)}' has no finished backup (no current_mirror marker); back up into it first");
        }
        long asked;
        try
        {
            asked = TimeSpec.Parse(time, now, IncrementLister.SessionTimes(location, state), zone);
        }
        catch (TimeSpecException e)
        {
            throw new RdiffException(e.Message);
        }
        long session = FileLister.Snap(state, asked);
        return changedSince
            ? FileLister.ChangedSince(state, location.SubPath, session).Select(ListingText.Change)
            : FileLister.AtTime(state, location.SubPath, session).Select(ListingText.Path);
    }

    /// <summary>The text of `calculate --method average` over session_statistics files.</summary>
    public static string CalculateAverage(IReadOnlyList<byte[]> files)
    {
        var parsed = new List<Dictionary<string, double>>();
        foreach (byte[] file in files)
        {
            string shown = Platform.Posix.PrintablePath.From(file);
            string text;
            try
            {
                // A statistics file is a few hundred bytes; anything past 1 MiB is not one.
                using var stream = new FileStream(System.Text.Encoding.UTF8.GetString(file), FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1);
                var bytes = new byte[(1 << 20) + 1];
                int length = stream.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false);
                text = length < bytes.Length
                    ? System.Text.Encoding.UTF8.GetString(bytes, 0, length)
                    : throw new RdiffException($"'{shown}' is larger than 1 MiB and is not a session_statistics file; name the session_statistics files to average");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new RdiffException($"cannot read statistics file '{shown}': {e.Message}");
            }
            parsed.Add(StatisticsAverage.Parse(text, shown));
        }
        return StatisticsAverage.Text(parsed);
    }
}
