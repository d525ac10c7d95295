using RdiffCore.Model;

namespace RdiffCore.Verify;

/// <summary>
/// One walk over a session's metadata: hashes each regular file at or below the subtree and counts
/// the outcomes. Hard-link members after the first carry no SHA-1 of their own; the group's is used
/// (rdiff-backup's Hardlink.get_hash).
/// </summary>
internal sealed class VerifyPass(RebuiltFileHasher hasher, long session, RelPath subPath, VerifyReport report)
{
    private readonly GroupHashes _hashes = new();

    public long Verified { get; private set; }

    public long Bad { get; private set; }

    public long WithoutHash { get; private set; }

    /// <summary>The metadata could not be read to its end (reported already).</summary>
    public bool MetadataDamaged { get; private set; }

    public void Run(IEnumerable<MetadataRecord> records)
    {
        using IEnumerator<MetadataRecord> walk = records.GetEnumerator();
        bool found = false;
        while (Next(walk))
        {
            MetadataRecord record = walk.Current;
            if (!record.Path.IsAtOrBelow(subPath))
            {
                if (found)
                {
                    break;
                }
                continue;
            }
            found = true;
            if (record.Kind == FileKind.Regular)
            {
                Check(record, record.Path.RelativeTo(subPath).ToString());
            }
        }
        if (!found && Bad == 0)
        {
            throw new RdiffException($"'{subPath}' is not in the backup of that time; list the backups with 'rdiffsharp list increments'");
        }
    }

    private bool Next(IEnumerator<MetadataRecord> walk)
    {
        try
        {
            return walk.MoveNext();
        }
        catch (Exception e) when (e is RdiffException or InvalidDataException or IOException)
        {
            // The metadata past the damage is unreadable: the files it lists cannot be checked.
            Bad++;
            MetadataDamaged = true;
            report.Warning($"The metadata of the session cannot be read past this point ({e.Message}); the files after it were not verified. Your backup repository may be corrupted!");
            return false;
        }
    }

    private void Check(MetadataRecord record, string shown)
    {
        byte[]? expected = _hashes.Expected(record);
        if (expected is null)
        {
            WithoutHash++;
            report.Warning($"Cannot find SHA1 digest for file {shown}, perhaps because this feature was added in v1.1.1");
            return;
        }
        byte[] computed;
        try
        {
            computed = hasher.Hash(record, session);
        }
        catch (Exception e) when (e is RdiffException or InvalidDataException or IOException)
        {
            Bad++;
            report.Bad($"Could not rebuild file {shown}: {e.Message}. Your backup repository may be corrupted!");
            return;
        }
        if (computed.AsSpan().SequenceEqual(expected))
        {
            Verified++;
            report.Info($"Verified SHA1 digest of file {shown}");
            return;
        }
        Bad++;
        report.Bad($"Computed SHA1 digest of file {shown} '{Hex(computed)}' doesn't match recorded digest of '{Hex(expected)}'. Your backup repository may be corrupted!");
    }

    private static string Hex(byte[] digest) => Convert.ToHexStringLower(digest);
}
