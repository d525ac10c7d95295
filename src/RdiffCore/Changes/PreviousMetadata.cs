using RdiffCore.Metadata;
using RdiffCore.Model;
using RdiffCore.Storage;

namespace RdiffCore.Changes;

/// <summary>The repository's records at one session, streamed in canonical order with their xattrs and ACLs.</summary>
internal static class PreviousMetadata
{
    public static IEnumerable<MetadataRecord> Read(RepositoryState state, long time)
    {
        byte[]? xattrs = state.Find("extended_attributes"u8, time)?.Path;
        byte[]? acls = state.Find("access_control_lists"u8, time)?.Path;
        using var reader = new MetadataChainReader(state.MetadataChainFrom(time), xattrs, acls, state.Layout.Tree);
        foreach (MetadataRecord record in reader.Records())
        {
            yield return record;
        }
    }

    /// <summary>
    /// Reads the records at <paramref name="time"/> to their end, every name, order and gzip
    /// trailer checked. A backup does this before it changes anything: damage found halfway would
    /// leave a session that regress, which reads the same metadata, could not undo.
    /// </summary>
    public static void Check(RepositoryState state, long time)
    {
        try
        {
            foreach (MetadataRecord _ in Read(state, time))
            {
            }
        }
        catch (CorruptMetadataException e)
        {
            throw new CorruptMetadataException($"{e.Message.TrimEnd('.')}; the backup did not start and nothing was changed", e);
        }
    }
}
