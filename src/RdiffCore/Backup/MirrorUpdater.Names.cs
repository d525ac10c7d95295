using System.Text;
using RdiffCore.Increments;
using RdiffCore.Model;
using RdiffCore.Storage;

namespace RdiffCore.Backup;

/// <summary>rdiff-backup's choice of mirror and increment names for a changed path (get_mirror_inc_rps, §1.10).</summary>
internal sealed partial class MirrorUpdater
{
    /// <summary>
    /// A recorded path keeps its alternate names; otherwise a new path whose quoted mirror name does
    /// not fit gets long_filename_data/N for its data and increments, and any other path whose
    /// increment names would not fit gets N for its increments only.
    /// </summary>
    private Placement Place(RelPath path, MetadataRecord? old)
    {
        RepositoryLayout layout = context.Layout;
        if (old is not null)
        {
            if (old.AlternateMirrorName is string mirrorName)
            {
                return InLongNames(path, mirrorName);
            }
            byte[] mirror = layout.MirrorPath(path);
            return old.AlternateIncrementName is string incrementName
                ? new Placement(mirror, new IncrementTarget(path, incrementName), null, incrementName)
                : Probe(path, mirror);
        }
        return context.LongNames.MirrorFits(path) ? Probe(path, layout.MirrorPath(path)) : InLongNames(path, context.LongNames.Allocate());
    }

    private Placement Probe(RelPath path, byte[] mirror)
    {
        if (context.LongNames.IncrementFits(path))
        {
            return new Placement(mirror, new IncrementTarget(path, null), null, null);
        }
        string name = context.LongNames.Allocate();
        return new Placement(mirror, new IncrementTarget(path, name), null, name);
    }

    private Placement InLongNames(RelPath path, string name) =>
        new(context.Layout.LongNameFile(Encoding.ASCII.GetBytes(name)), new IncrementTarget(path, name), name, null);
}
