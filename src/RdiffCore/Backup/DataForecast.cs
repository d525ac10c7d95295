using System.Text;
using Microsoft.Win32.SafeHandles;
using System.Text.RegularExpressions;
using RdiffCore.Changes;
using RdiffCore.Model;
using RdiffCore.Platform.Posix;
using RdiffCore.Source;

namespace RdiffCore.Backup;

/// <summary>
/// Which source files the mirror updater will read, told ahead from the same tests it makes, so a
/// remote source can send them before they are needed. A wrong guess costs only bandwidth: data
/// sent and not read is dropped, data read and not sent is asked for then.
/// </summary>
internal sealed class DataForecast(BackupContext context, Regex noCompression)
{
    /// <summary>Below this a changed file travels whole: its signature and delta would save little.</summary>
    public const long DeltaFrom = 256 << 10;

    private readonly HashSet<(ulong Inode, ulong Device)> _linked = [];

    public DataWant Want(SourceEntry source, MetadataRecord? old)
    {
        MetadataRecord record = source.Record;
        if (record.Kind != FileKind.Regular)
        {
            return DataWant.None;
        }
        // A later name of a hard-link group is linked to the first, not read.
        if (context.Options.HardLinks && record.HardLinkCount > 1 && !_linked.Add((record.Inode, record.DeviceLoc)))
        {
            return DataWant.None;
        }
        bool compressible = !noCompression.IsMatch(Encoding.Latin1.GetString(record.Path.Bytes));
        if (old is null || old.Kind != FileKind.Regular)
        {
            return new DataWant(true, null, compressible);
        }
        if (ChangeDetector.AttributesMatch(record, old, context.Options.Xattrs, context.Options.Acls))
        {
            // Unchanged, unless it was written in the very second it was recorded: then it is hashed.
            return context.PreviousTime is long previous && ChangeDetector.NeedsContentCheck(old, previous) && old.Sha1 is not null
                ? new DataWant(true, null, compressible)
                : DataWant.None;
        }
        return new DataWant(true, old.Size >= DeltaFrom && record.Size >= DeltaFrom ? OpenMirror(old) : null, compressible);
    }

    // Opened here, on the engine's thread, so the delta is made against and applied to this very file.
    private SafeFileHandle? OpenMirror(MetadataRecord old)
    {
        try
        {
            return context.Layout.Tree.OpenRead(context.Layout.MirrorPath(old));
        }
        catch (PosixException)
        {
            // Missing or not a file: the engine meets that itself; the file travels whole.
            return null;
        }
    }
}
