using RdiffCore.Model;

namespace RdiffCore.Metadata;

/// <summary>
/// Turns the previous session's snapshot into its diff against the new snapshot
/// (format.md §1.6): walking both in index order, the old record is written where
/// the mirror fields differ or the path exists only in the old snapshot, and "Type None" where
/// it exists only in the new one. Unchanged paths are left out.
/// </summary>
internal static class MetadataDiff
{
    public static void Write(IEnumerable<MetadataRecord> older, IEnumerable<MetadataRecord> newer, MirrorMetadataWriter output)
    {
        using IEnumerator<MetadataRecord> old = older.GetEnumerator();
        using IEnumerator<MetadataRecord> now = newer.GetEnumerator();
        bool hasOld = old.MoveNext();
        bool hasNew = now.MoveNext();
        while (hasOld || hasNew)
        {
            int order = !hasOld ? 1 : !hasNew ? -1 : RelPathComparer.Instance.Compare(old.Current.Path, now.Current.Path);
            if (order < 0)
            {
                output.Write(old.Current);
                hasOld = old.MoveNext();
            }
            else if (order > 0)
            {
                output.Write(MetadataRecord.Absent(now.Current.Path));
                hasNew = now.MoveNext();
            }
            else
            {
                if (!old.Current.HasSameMirrorFields(now.Current))
                {
                    output.Write(old.Current);
                }
                hasOld = old.MoveNext();
                hasNew = now.MoveNext();
            }
        }
    }
}
