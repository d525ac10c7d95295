using RdiffCore.Increments;
using RdiffCore.Model;
using RdiffCore.Storage;

namespace RdiffCore.Restore;

/// <summary>
/// A restore source given as an increment (rdiff-backup's oldest restore form):
/// rdiff-backup-data/increments/DIR/NAME.TIME.TYPE[.gz] stands for the mirror path DIR/NAME as of
/// TIME, and rdiff-backup-data/increments.TIME.dir for the whole tree. Only the name is read, as
/// rdiff-backup reads it (the file need not exist): every component is unquoted and must be a
/// name, and the last one must parse as an increment's name.
/// </summary>
/// <param name="Path">The mirror path the increment belongs to (unquoted).</param>
/// <param name="Name">The increment's parsed name: its time is the time restored.</param>
internal readonly record struct IncrementLocation(RelPath Path, IncrementName Name)
{
    /// <summary>Whether <paramref name="quotedSubPath"/> (below the repository root, as on disk) lies in rdiff-backup-data, not in the mirror.</summary>
    public static bool InDataDirectory(RelPath quotedSubPath) =>
        !quotedSubPath.IsRoot && FirstComponent(quotedSubPath.Bytes).SequenceEqual("rdiff-backup-data"u8);

    /// <summary>The increment <paramref name="quotedSubPath"/> names; null when it names none.</summary>
    public static IncrementLocation? Parse(RelPath quotedSubPath, NameQuoting quoting)
    {
        if (!RelPath.TryFromRecorded(quotedSubPath.Bytes, out _))
        {
            return null;   // "", ".", ".." or empty components: nothing a repository holds
        }
        var parts = new List<byte[]>();
        foreach (Range component in quotedSubPath.Bytes.Split((byte)'/'))
        {
            parts.Add(quotedSubPath.Bytes[component].ToArray());
        }
        if (parts.Count < 2 || !parts[0].AsSpan().SequenceEqual("rdiff-backup-data"u8)
            || !IncrementName.TryParse(quoting.Unquote(parts[^1]), out IncrementName name))
        {
            return null;
        }
        if (parts.Count == 2)
        {
            // rdiff-backup-data/increments.TIME.dir: the root's own increment.
            return name.Base.AsSpan().SequenceEqual("increments"u8) ? new IncrementLocation(RelPath.Root, name) : null;
        }
        if (!parts[1].AsSpan().SequenceEqual("increments"u8))
        {
            return null;
        }
        RelPath path = RelPath.Root;
        foreach (byte[] directory in parts[2..^1])
        {
            byte[] plain = quoting.Unquote(directory);
            if (!RelPath.IsValidName(plain))
            {
                return null;
            }
            path = path.Append(plain);
        }
        return new IncrementLocation(path.Append(name.Base), name);
    }

    private static ReadOnlySpan<byte> FirstComponent(ReadOnlySpan<byte> path)
    {
        int slash = path.IndexOf((byte)'/');
        return slash < 0 ? path : path[..slash];
    }
}
