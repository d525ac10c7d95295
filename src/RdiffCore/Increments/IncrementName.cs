using System.Text;
using RdiffCore.Model;

namespace RdiffCore.Increments;

/// <summary>The parsed name of an increment or session file: base.TIME.type[.gz] (§1.3).</summary>
internal readonly record struct IncrementName(byte[] Base, long Time, IncrementType Type, bool Compressed)
{
    public static bool TryParse(ReadOnlySpan<byte> fileName, out IncrementName name)
    {
        name = default;
        bool compressed = fileName.EndsWith(".gz"u8);
        ReadOnlySpan<byte> rest = compressed ? fileName[..^3] : fileName;
        int typeDot = rest.LastIndexOf((byte)'.');
        if (typeDot <= 0)
        {
            return false;
        }
        int timeDot = rest[..typeDot].LastIndexOf((byte)'.');
        if (timeDot < 0 || !TryType(rest[(typeDot + 1)..], out IncrementType type))
        {
            return false;
        }
        if (!SessionTime.TryParse(rest[(timeDot + 1)..typeDot], out long time))
        {
            return false;
        }
        name = new IncrementName(rest[..timeDot].ToArray(), time, type, compressed);
        return true;
    }

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
        _ => "data",
    };

    private static bool TryType(ReadOnlySpan<byte> word, out IncrementType type)
    {
        foreach (IncrementType candidate in Enum.GetValues<IncrementType>())
        {
            if (word.SequenceEqual(Encoding.ASCII.GetBytes(TypeWord(candidate))))
            {
                type = candidate;
                return true;
            }
        }
        type = default;
        return false;
    }
}
