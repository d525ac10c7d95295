using System.Text;
using RdiffCore.Model;

namespace RdiffCore.Tests.Metadata;

/// <summary>
/// The records of format.md §1.17 (three sessions of a small tree, owner root). SHA-1
/// values the notes elide are the real hashes where the content is known ("note v1\n" and so on)
/// and made-up middles otherwise; the format does not care.
/// </summary>
internal static class WorkedExample
{
    public const long OldTime = 1698840000;
    public const long TouchTime = 1700049600;

    public static readonly string LongName = new('L', 230);

    /// <summary>mirror_metadata.&lt;T1&gt;.snapshot as B1 writes it.</summary>
    public static IReadOnlyList<MetadataRecord> Session1() =>
    [
        Record(".", FileKind.Directory, 493, OldTime),
        Record(LongName, FileKind.Regular, 420, OldTime, size: 8, sha1: "497a6392d3549abc21cb500337a275140a970b7e", alternateIncrement: "1"),
        Record("chardev", FileKind.CharDevice, 420, 0, major: 1, minor: 3),
        Record("dir", FileKind.Directory, 488, OldTime),
        Record("dir/note", FileKind.Regular, 420, OldTime, size: 8, sha1: "938d2c88e25be6bf3247fd29bed19253a9d5d2f8"),
        Record("fifo", FileKind.Fifo, 420, OldTime),
        Record("file.txt", FileKind.Regular, 420, OldTime, size: 33000, sha1: "c5404b9c7f765a7a169c21c468e8c941493b6764"),
        Record("hl_a", FileKind.Regular, 420, OldTime, size: 11, sha1: "03cfba58dddccde595b5b216b73ca811b6d12379", links: 2),
        Record("hl_b", FileKind.Regular, 420, OldTime, size: 11, links: 2),
        Record("link", FileKind.Symlink, 511, 0, target: "file.txt"),
        Record("new\nline name", FileKind.Regular, 420, OldTime, size: 6, sha1: "0d8a61340000000000000000000000000000fa2c"),
        Record("photo.jpg", FileKind.Regular, 420, OldTime, size: 5000, sha1: "fb595d21000000000000000000000000000f7714"),
    ];

    /// <summary>The T2 snapshot: B2 edited file.txt, photo.jpg, dir/note and the long name, removed link and fifo, added newfile, touched . and dir.</summary>
    public static IReadOnlyList<MetadataRecord> Session2() =>
    [
        Record(".", FileKind.Directory, 493, TouchTime),
        Record(LongName, FileKind.Regular, 420, TouchTime, size: 8, sha1: "3e4b67009de37190b056ed3194195a6dd277ee1b", alternateIncrement: "1"),
        Record("chardev", FileKind.CharDevice, 420, 0, major: 1, minor: 3),
        Record("dir", FileKind.Directory, 488, TouchTime),
        Record("dir/note", FileKind.Regular, 420, TouchTime, size: 8, sha1: "840d0aa838904c41d1ff21a794edf124bb0e4f08"),
        Record("file.txt", FileKind.Regular, 420, TouchTime, size: 33005, sha1: "ba33e031000000000000000000000000000f7659"),
        Record("hl_a", FileKind.Regular, 420, OldTime, size: 11, sha1: "03cfba58dddccde595b5b216b73ca811b6d12379", links: 2),
        Record("hl_b", FileKind.Regular, 420, OldTime, size: 11, links: 2),
        Record("new\nline name", FileKind.Regular, 420, OldTime, size: 6, sha1: "0d8a61340000000000000000000000000000fa2c"),
        Record("newfile", FileKind.Regular, 420, TouchTime, size: 10, sha1: "1111111111111111111111111111111111111111"),
        Record("photo.jpg", FileKind.Regular, 420, TouchTime, size: 5000, sha1: "aaaa5d21000000000000000000000000000f7714"),
    ];

    /// <summary>The T1 snapshot's bytes: one field per line, two spaces of indentation.</summary>
    public static byte[] Session1Text()
    {
        string owner = "  Uid 0\n  Uname root\n  Gid 0\n  Gname root\n";
        string text =
            "File .\n  Type dir\n  ModTime 1698840000\n" + owner + "  Permissions 493\n" +
            $"File {LongName}\n  Type reg\n  Size 8\n  SHA1Digest 497a6392d3549abc21cb500337a275140a970b7e\n  ModTime 1698840000\n" + owner + "  Permissions 420\n  AlternateIncrementName 1\n" +
            "File chardev\n  Type dev\n  DeviceNum c 1 3\n" + owner + "  Permissions 420\n" +
            "File dir\n  Type dir\n  ModTime 1698840000\n" + owner + "  Permissions 488\n" +
            "File dir/note\n  Type reg\n  Size 8\n  SHA1Digest 938d2c88e25be6bf3247fd29bed19253a9d5d2f8\n  ModTime 1698840000\n" + owner + "  Permissions 420\n" +
            "File fifo\n  Type fifo\n  ModTime 1698840000\n" + owner + "  Permissions 420\n" +
            "File file.txt\n  Type reg\n  Size 33000\n  SHA1Digest c5404b9c7f765a7a169c21c468e8c941493b6764\n  ModTime 1698840000\n" + owner + "  Permissions 420\n" +
            "File hl_a\n  Type reg\n  Size 11\n  NumHardLinks 2\n  Inode 12519804\n  DeviceLoc 65024\n  SHA1Digest 03cfba58dddccde595b5b216b73ca811b6d12379\n  ModTime 1698840000\n" + owner + "  Permissions 420\n" +
            "File hl_b\n  Type reg\n  Size 11\n  NumHardLinks 2\n  Inode 12519804\n  DeviceLoc 65024\n  ModTime 1698840000\n" + owner + "  Permissions 420\n" +
            "File link\n  Type sym\n  SymData file.txt\n" + owner + "  Permissions 511\n" +
            "File new\\nline name\n  Type reg\n  Size 6\n  SHA1Digest 0d8a61340000000000000000000000000000fa2c\n  ModTime 1698840000\n" + owner + "  Permissions 420\n" +
            "File photo.jpg\n  Type reg\n  Size 5000\n  SHA1Digest fb595d21000000000000000000000000000f7714\n  ModTime 1698840000\n" + owner + "  Permissions 420\n";
        return Encoding.UTF8.GetBytes(text);
    }

    public static MetadataRecord Record(
        string path, FileKind kind, int permissions, long modTime, long size = 0, string? sha1 = null, long links = 0,
        string? target = null, uint major = 0, uint minor = 0, string? alternateIncrement = null) => new()
        {
            Path = RelPath.FromString(path),
            Kind = kind,
            Permissions = permissions,
            ModTime = modTime,
            Size = size,
            Sha1 = sha1 is null ? null : Convert.FromHexString(sha1),
            HardLinkCount = links,
            Inode = links > 1 ? 12519804UL : 0,
            DeviceLoc = links > 1 ? 65024UL : 0,
            SymlinkTarget = target is null ? null : Encoding.UTF8.GetBytes(target),
            DeviceMajor = major,
            DeviceMinor = minor,
            // rdiff-backup wrote the example: no ModTime for devices.
            ModTimeUnknown = kind is FileKind.CharDevice or FileKind.BlockDevice,
            UserName = "root",
            GroupName = "root",
            AlternateIncrementName = alternateIncrement,
        };

    /// <summary>Writes records with a fresh writer and returns the bytes.</summary>
    public static byte[] Write(IEnumerable<MetadataRecord> records)
    {
        using var output = new MemoryStream();
        using (var writer = new RdiffCore.Metadata.MirrorMetadataWriter(output, leaveOpen: true))
        {
            foreach (MetadataRecord record in records)
            {
                writer.Write(record);
            }
        }
        return output.ToArray();
    }

    /// <summary>Reads every record of the bytes.</summary>
    public static List<MetadataRecord> Read(byte[] text)
    {
        using var reader = new RdiffCore.Metadata.MirrorMetadataReader(new MemoryStream(text));
        return [.. reader.Records()];
    }
}
