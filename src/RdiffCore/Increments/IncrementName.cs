using System.Text;
using RdiffCore.Model;

namespace RdiffCore.Increments;

/// <summary>
/// The name of an increment, or of any per-session file in rdiff-backup-data:
/// <c>&lt;base&gt;.&lt;timestamp&gt;.&lt;type&gt;[.gz]</c> (format.md §1.3). The base
/// is everything before the timestamp and may itself contain dots; it must be a name
/// (<see cref="RelPath.IsValidName"/>), since readers join it to directories: a file whose base is
/// empty, "." or ".." is not an increment. Under filename quoting (§1.15) names on disk must be
/// unquoted before they are parsed here.
/// </summary>
/// <param name="Base">The name the increment belongs to (for example "file.tar"), as bytes.</param>
/// <param name="Time">The parsed timestamp, epoch seconds: the time of the state the increment describes.</param>
/// <param name="Type">The type word.</param>
/// <param name="Compressed">True for a trailing ".gz".</param>
internal readonly record struct IncrementName(byte[] Base, long Time, IncrementType Type, bool Compressed)
{
    private const byte Dot = (byte)'.';

    /// <summary>
    /// Splits on '.': a last part "gz" marks compression and needs at least four parts,
    /// otherwise three; the timestamp and type are the two parts before the end (or before
    /// "gz"). Fails when the timestamp does not parse or the type is unknown.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> fileName, out IncrementName name)
    {
        name = default;
        ReadOnlySpan<byte> rest = fileName;
        bool compressed = false;
        int dot = rest.LastIndexOf(Dot);
        if (dot >= 0 && rest[(dot + 1)..].SequenceEqual("gz"u8))
        {
            compressed = true;
            rest = rest[..dot];
        }
        int typeDot = rest.LastIndexOf(Dot);
        if (typeDot < 0)
        {
            return false;
        }
        int timeDot = rest[..typeDot].LastIndexOf(Dot);
        if (timeDot < 0)
        {
            return false;   // fewer than three parts (four with "gz")
        }
        if (!TryParseType(rest[(typeDot + 1)..], out IncrementType type)
            || !SessionTime.TryParse(rest[(timeDot + 1)..typeDot], out long time)
            || !RelPath.IsValidName(rest[..timeDot]))
        {
            return false;
        }
        name = new IncrementName(rest[..timeDot].ToArray(), time, type, compressed);
        return true;
    }

    /// <summary>The name "base.timestamp.type[.gz]"; <paramref name="timestamp"/> comes from <see cref="SessionTime"/>.</summary>
    public static byte[] Format(ReadOnlySpan<byte> baseName, string timestamp, IncrementType type, bool compressed)
    {
        string suffix = $".{timestamp}.{TypeWord(type)}{(compressed ? ".gz" : "")}";
        var name = new byte[baseName.Length + Encoding.ASCII.GetByteCount(suffix)];
        baseName.CopyTo(name);
        Encoding.ASCII.GetBytes(suffix, name.AsSpan(baseName.Length));
        return name;
    }

    public static string TypeWord(IncrementType type) => type switch
    {
        IncrementType.Snapshot => "snapshot",
        IncrementType.Dir => "dir",
        IncrementType.Missing => "missing",
        IncrementType.Diff => "diff",
        IncrementType.Data => "data",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    private static bool TryParseType(ReadOnlySpan<byte> word, out IncrementType type)
    {
        IncrementType? found = word.SequenceEqual("snapshot"u8) ? IncrementType.Snapshot
            : word.SequenceEqual("dir"u8) ? IncrementType.Dir
            : word.SequenceEqual("missing"u8) ? IncrementType.Missing
            : word.SequenceEqual("diff"u8) ? IncrementType.Diff
            : word.SequenceEqual("data"u8) ? IncrementType.Data
            : null;
        type = found.GetValueOrDefault();
        return found.HasValue;
    }
}
