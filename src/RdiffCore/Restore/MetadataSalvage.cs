using RdiffCore.Metadata;
using RdiffCore.Model;
using RdiffCore.Platform.Posix;
using RdiffCore.Reporting;
using RdiffCore.Source;
using RdiffCore.Storage;

namespace RdiffCore.Restore;

/// <summary>
/// The metadata of a restore, read so that damage does not lose the files it does not describe:
/// every record up to the damage is used; after it, a restore of the newest backup goes on from the
/// mirror as it lies on disk (its entries carry their own attributes), and an older one stops there.
/// Either way the damage is named once.
/// </summary>
internal static class MetadataSalvage
{
    public static IEnumerable<MetadataRecord> Read(IEnumerable<MetadataRecord> records, RepositoryLayout layout, bool newest, Action<string> warn)
    {
        RelPath? last = null;
        string? damage = null;
        using (IEnumerator<MetadataRecord> reader = records.GetEnumerator())
        {
            while (true)
            {
                try
                {
                    if (!reader.MoveNext())
                    {
                        break;
                    }
                }
                catch (Exception e) when (e is CorruptMetadataException or MetadataFileException or InvalidDataException or IOException)
                {
                    damage = e.Message;
                    break;
                }
                last = reader.Current.Path;
                yield return reader.Current;
            }
        }
        if (damage is null)
        {
            yield break;
        }
        string after = last is RelPath at ? $"after '{at}'" : "from its start";
        if (!newest)
        {
            warn($"the metadata of this backup is damaged {after} ({damage}); the paths after it cannot be restored as of this time");
            yield break;
        }
        warn($"the metadata of this backup is damaged {after} ({damage}); the rest is restored from the mirror as it lies on disk");
        var walker = new SourceWalker(layout.Root, new SourceOptions(Xattrs: true, Acls: true, HardLinks: true), new OwnerNames(), new Warnings(warn));
        foreach (SourceEntry entry in walker.Walk([layout.DataDirectory]))
        {
            MetadataRecord record = entry.Record with { Path = layout.Quoting.Unquote(entry.Record.Path) };
            if (last is not RelPath done || RelPathComparer.Instance.Compare(record.Path, done) > 0)
            {
                yield return record;
            }
        }
    }

    private sealed class Warnings(Action<string> warn) : IFileErrors
    {
        public int Count { get; private set; }

        public void Report(string type, RelPath path, string message)
        {
            Count++;
            warn($"could not read '{path}' in the mirror ({type}): {message}");
        }
    }
}
