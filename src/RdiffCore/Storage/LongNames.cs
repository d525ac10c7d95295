using System.Globalization;
using System.Text;
using RdiffCore.Model;
using RdiffCore.Platform.Posix;

namespace RdiffCore.Storage;

/// <summary>
/// long_filename_data (format.md §1.10): decides, from byte lengths, whether a path's
/// mirror name and increment names fit (NAME_MAX, PATH_MAX), as rdiff-backup's ENAMETOOLONG probes
/// do, and hands out the numbered names N, keeping next_free as rdiff-backup does.
/// </summary>
internal sealed class LongNames(RepositoryLayout layout, bool fsync)
{
    /// <summary>rdiff-backup pads the last component with this many 'a' to make room for an increment suffix.</summary>
    public const int ProbePadding = 50;

    private static ReadOnlySpan<byte> CounterName => "next_free"u8;

    private long _next;
    private byte[]? _lastEnsuredDirectory;

    /// <summary>Whether the mirror path of <paramref name="path"/>, quoted, can be created.</summary>
    public bool MirrorFits(RelPath path) => Fits(layout.MirrorPath(path), path.Depth);

    /// <summary>
    /// rdiff-backup's increment probe: the parents under increments/ are created (as its probe does)
    /// when their names fit, then the last component padded with 50 'a' must fit too.
    /// </summary>
    public bool IncrementFits(RelPath path)
    {
        if (path.IsRoot)
        {
            return true;
        }
        byte[] parent = layout.IncrementDirectory(path.Parent);
        if (!Fits(parent, path.Depth - 1))
        {
            return false;
        }
        EnsureDirectory(parent);
        byte[] padded = new byte[path.Name.Length + ProbePadding];
        path.Name.CopyTo(padded);
        padded.AsSpan(path.Name.Length).Fill((byte)'a');
        byte[] quoted = layout.Quoting.Quote(padded);
        return quoted.Length <= RepositoryLayout.NameMax && parent.Length + 1 + quoted.Length < RepositoryLayout.PathMax;
    }

    /// <summary>Creates a directory under increments/ and any missing parents (mode 0700).</summary>
    public void EnsureDirectory(byte[] directory)
    {
        if (_lastEnsuredDirectory is not null && _lastEnsuredDirectory.AsSpan().SequenceEqual(directory))
        {
            return;
        }
        if (!layout.Tree.TryLStat(directory, out _))
        {
            int slash = directory.AsSpan().LastIndexOf((byte)'/');
            EnsureDirectory(directory[..slash]);
            layout.Tree.MkDir(directory, 0b111_000_000);
        }
        _lastEnsuredDirectory = directory;
    }

    /// <summary>The next free name N; next_free then holds N + 1 (ASCII, no newline), durable before N is used.</summary>
    public string Allocate()
    {
        if (!layout.Tree.TryLStat(layout.LongNameDirectory, out _))
        {
            layout.Tree.MkDir(layout.LongNameDirectory, 0b111_000_000);
        }
        if (_next == 0)
        {
            _next = ReadCounter() ?? (Scan() + 1);
        }
        string name = _next.ToString(CultureInfo.InvariantCulture);
        _next++;
        byte[] counter = layout.LongNameFile(CounterName);
        layout.Tree.UnlinkIfPresent(counter);
        using (var file = new FileStream(layout.Tree.CreateNew(counter, 0b110_000_000), FileAccess.Write, 1))
        {
            file.Write(Encoding.ASCII.GetBytes(_next.ToString(CultureInfo.InvariantCulture)));
            if (fsync)
            {
                PosixFs.Fsync(file.SafeFileHandle);
            }
        }
        if (fsync)
        {
            layout.Tree.FsyncPath(layout.LongNameDirectory);
        }
        return name;
    }

    /// <summary>Every component at most NAME_MAX bytes, the whole path (with its terminator) within PATH_MAX.</summary>
    private static bool Fits(byte[] path, int components)
    {
        if (path.Length >= RepositoryLayout.PathMax)
        {
            return false;
        }
        ReadOnlySpan<byte> rest = path;
        for (int i = 0; i < components; i++)
        {
            int slash = rest.LastIndexOf((byte)'/');
            if (rest.Length - slash - 1 > RepositoryLayout.NameMax)
            {
                return false;
            }
            rest = rest[..slash];
        }
        return true;
    }

    private long? ReadCounter()
    {
        byte[] counter = layout.LongNameFile(CounterName);
        if (!layout.Tree.TryLStat(counter, out _))
        {
            return null;
        }
        // A number: a longer file is not one, and is not read whole (the names are scanned instead).
        using var file = new FileStream(layout.Tree.OpenRead(counter), FileAccess.Read, 1);
        var text = new byte[32];
        int length = file.ReadAtLeast(text, text.Length, throwOnEndOfStream: false);
        return length < text.Length && long.TryParse(Encoding.ASCII.GetString(text, 0, length).Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out long next) && next > 0 && next < long.MaxValue / 2
            ? next
            : null;
    }

    /// <summary>The highest number before the first '.' of any name in long_filename_data, or 0.</summary>
    private long Scan()
    {
        long high = 0;
        foreach (byte[] name in layout.Tree.ReadDirectory(layout.LongNameDirectory))
        {
            byte[] plain = layout.Quoting.Unquote(name);
            int dot = plain.AsSpan().IndexOf((byte)'.');
            string number = Encoding.ASCII.GetString(dot < 0 ? plain : plain[..dot]);
            if (long.TryParse(number, NumberStyles.Integer, CultureInfo.InvariantCulture, out long value) && value > high && value < long.MaxValue / 2)
            {
                high = value;
            }
        }
        return high;
    }
}
