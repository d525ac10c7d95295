using RdiffCore.Changes;
using RdiffCore.History;
using RdiffCore.Model;
using RdiffCore.Platform.Posix;
using RdiffCore.Source;

namespace RdiffCore.Verify;

/// <summary>
/// The decision for one path of a compare (rdiff-backup's compare._get_basic_report): "new" (only
/// in the source), "deleted" (only in the repository), "changed" (attributes differ), and with a
/// data method, for two regular files, "metadata changed|the same, data changed|the same".
/// A difference is a line "REASON: PATH", or with <paramref name="parsable"/> an entry of the YAML
/// list rdiff-backup 2.2 prints at API 201 (PyYAML's safe_dump: keys sorted, the name quoted where
/// YAML needs it and folded past column 80, undecodable bytes replaced as its decode(errors="replace") does).
/// </summary>
internal sealed class ComparePass(CompareMethod method, RebuiltFileHasher hasher, ISourceTree source, long session, bool parsable,
    Action<string> difference, Action<string> warn)
{
    private readonly GroupHashes _hashes = new();

    public long Differences { get; private set; }

    public void Compare(SourceEntry? entry, MetadataRecord? recorded, RelPath shown)
    {
        byte[]? expected = recorded is { Kind: FileKind.Regular } ? _hashes.Expected(recorded) : null;
        string? reason = Reason(entry, recorded, expected, shown);
        if (reason is not null)
        {
            Differences++;
            difference(parsable ? $"- path:{YamlScalar.FormatValue(shown.ToString(), 7, 4)}\n  reason:{YamlScalar.FormatValue(reason, 9, 4)}" : $"{reason}: {shown}");
        }
    }

    private string? Reason(SourceEntry? entry, MetadataRecord? recorded, byte[]? expected, RelPath shown)
    {
        if (recorded is null)
        {
            return "new";
        }
        if (entry is null)
        {
            return "deleted";
        }
        MetadataRecord source = entry.Record;
        // rdiff-backup's RORPath.__eq__ ignores the link count (and ctime).
        bool metaSame = ChangeDetector.AttributesMatch(source with { HardLinkCount = recorded.HardLinkCount }, recorded, compareXattrs: true, compareAcls: true);
        if (method == CompareMethod.Meta || source.Kind != FileKind.Regular || recorded.Kind != FileKind.Regular)
        {
            return metaSame ? null : "changed";
        }
        bool dataSame = method == CompareMethod.Hash ? SameHash(entry, recorded, expected, shown) : SameData(entry, recorded, shown);
        return metaSame && dataSame ? null
            : (metaSame ? "metadata the same, " : "metadata changed, ") + (dataSame ? "data the same" : "data changed");
    }

    private bool SameHash(SourceEntry entry, MetadataRecord recorded, byte[]? expected, RelPath shown)
    {
        if (expected is null)
        {
            warn($"Metadata file has no digest for mirror file {shown}, unable to compare.");
            return true;
        }
        return entry.Record.Size == recorded.Size && SourceHash(entry, shown) is byte[] actual && actual.AsSpan().SequenceEqual(expected);
    }

    private bool SameData(SourceEntry entry, MetadataRecord recorded, RelPath shown)
    {
        if (entry.Record.Size != recorded.Size || SourceHash(entry, shown) is not byte[] actual)
        {
            return false;
        }
        try
        {
            return actual.AsSpan().SequenceEqual(hasher.Hash(recorded, session));
        }
        catch (Exception e) when (e is RdiffException or InvalidDataException or IOException)
        {
            warn($"Could not rebuild file {shown}: {e.Message}. Your backup repository may be corrupted!");
            return false;
        }
    }

    private byte[]? SourceHash(SourceEntry entry, RelPath shown)
    {
        try
        {
            using Stream data = source.OpenData(entry);
            return RebuiltFileHasher.HashStream(data, entry.FullPath);
        }
        catch (Exception e) when (e is RdiffException and not Remote.Wire.ProtocolException or Backup.SkippedFileException or IOException)
        {
            warn($"Error reading source file {shown}: {e.Message}");
            return null;
        }
    }
}
