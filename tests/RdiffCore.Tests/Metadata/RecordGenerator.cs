using RdiffCore.Model;

namespace RdiffCore.Tests.Metadata;

/// <summary>
/// Seeded random mirror_metadata records in <see cref="RelPathComparer"/> order, with names that
/// stress the quoting (newlines, backslashes, spaces, "File ", invalid UTF-8) and every file kind.
/// Only the fields a kind records are set, so a round trip must give them back exactly.
/// </summary>
internal static class RecordGenerator
{
    private static readonly byte[][] s_pieces =
    [
        "a"u8.ToArray(), "b"u8.ToArray(), "dir"u8.ToArray(), "-x"u8.ToArray(), " "u8.ToArray(), "\n"u8.ToArray(),
        "\\"u8.ToArray(), "\\n"u8.ToArray(), "File "u8.ToArray(), "é"u8.ToArray(), [0xff], [0x80, 0x01], "."u8.ToArray(), "Z"u8.ToArray(),
    ];

    private static readonly string?[] s_owners = ["root", "daemon", "ü-user", null];

    public static List<MetadataRecord> Generate(int count, int seed)
    {
        var random = new Random(seed);
        var paths = new HashSet<RelPath>();
        while (paths.Count < count)
        {
            int depth = 1 + random.Next(4);
            RelPath path = RelPath.Root;
            for (int level = 0; level < depth; level++)
            {
                path = path.Append(Name(random));
            }
            paths.Add(path);
        }
        List<RelPath> sorted = [.. paths];
        sorted.Sort(RelPathComparer.Instance);
        return [.. sorted.Select(path => Record(path, random))];
    }

    private static byte[] Name(Random random)
    {
        var name = new List<byte>();
        int parts = 1 + random.Next(3);
        for (int i = 0; i < parts; i++)
        {
            name.AddRange(s_pieces[random.Next(s_pieces.Length)]);
        }
        name.AddRange(BitConverter.GetBytes(random.Next(1000)).Select(b => (byte)('0' + (b % 10))));
        return [.. name];
    }

    private static MetadataRecord Record(RelPath path, Random random)
    {
        var kind = (FileKind)random.Next(8);
        long links = kind == FileKind.Regular && random.Next(5) == 0 ? 2 + random.Next(5) : 0;
        return new MetadataRecord
        {
            Path = path,
            Kind = kind,
            Size = kind == FileKind.Regular ? random.NextInt64(0, long.MaxValue) : 0,
            Sha1 = kind == FileKind.Regular && random.Next(3) > 0 ? Support.Mutation.Random(20, random) : null,
            HardLinkCount = links,
            Inode = links > 0 ? (ulong)random.NextInt64() : 0,
            DeviceLoc = links > 0 ? (ulong)random.NextInt64() : 0,
            SymlinkTarget = kind == FileKind.Symlink ? Name(random) : null,
            DeviceMajor = kind is FileKind.CharDevice or FileKind.BlockDevice ? (uint)random.Next() : 0,
            DeviceMinor = kind is FileKind.CharDevice or FileKind.BlockDevice ? (uint)random.Next() : 0,
            ModTime = kind is FileKind.Symlink or FileKind.CharDevice or FileKind.BlockDevice or FileKind.None ? 0 : random.NextInt64(-1L << 40, 1L << 40),
            Uid = kind == FileKind.None ? 0 : (uint)random.NextInt64(0, uint.MaxValue + 1L),
            Gid = kind == FileKind.None ? 0 : (uint)random.Next(),
            UserName = kind == FileKind.None ? null : s_owners[random.Next(s_owners.Length)],
            GroupName = kind == FileKind.None ? null : s_owners[random.Next(s_owners.Length)],
            Permissions = kind == FileKind.None ? 0 : random.Next(4096),
            AlternateIncrementName = kind != FileKind.None && random.Next(50) == 0 ? random.Next(100).ToString(System.Globalization.CultureInfo.InvariantCulture) : null,
        };
    }
}
