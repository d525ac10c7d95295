using System.Globalization;
using System.Text;
using RdiffCore.Model;

namespace RdiffCore.Metadata;

/// <summary>
/// The fields of the mirror_metadata record being read, parsed straight from the line bytes and
/// reused from record to record. Field lines follow rdiff-backup's pattern "^ *([A-Za-z0-9]+) (.+)$".
/// </summary>
internal sealed class MirrorRecordBuilder
{
    private const NumberStyles IntegerStyle = NumberStyles.AllowLeadingSign | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite;

    private readonly string _fileName;
    private readonly NameCache _names = new();
    private RelPath _path;
    private FileKind? _kind;
    private bool _hasDeviceNumber, _hasModTime;
    private byte _deviceChar;
    private long _size, _hardLinks, _modTime;
    private ulong _inode, _deviceLoc;
    private uint _major, _minor, _uid, _gid;
    private int _permissions;
    private byte[]? _sha1, _symlinkTarget;
    private string? _userName, _groupName, _alternateMirrorName, _alternateIncrementName;

    public MirrorRecordBuilder(string fileName)
    {
        _fileName = fileName;
    }

    public void Start(RelPath path)
    {
        _path = path;
        _kind = null;
        _hasDeviceNumber = _hasModTime = false;
        _deviceChar = 0;
        _size = _hardLinks = _modTime = 0;
        _inode = _deviceLoc = 0;
        _major = _minor = _uid = _gid = 0;
        _permissions = 0;
        _sha1 = _symlinkTarget = null;
        _userName = _groupName = _alternateMirrorName = _alternateIncrementName = null;
    }

    public void AddLine(ReadOnlySpan<byte> line)
    {
        int at = 0;
        while (at < line.Length && line[at] == (byte)' ')
        {
            at++;
        }
        int nameStart = at;
        while (at < line.Length && char.IsAsciiLetterOrDigit((char)line[at]))
        {
            at++;
        }
        if (at == nameStart || at + 1 >= line.Length || line[at] != (byte)' ')
        {
            return;
        }
        Apply(line[nameStart..at], line[(at + 1)..]);
    }

    public MetadataRecord Build()
    {
        FileKind kind = _kind ?? throw Corrupt("has no Type field");
        if (kind == FileKind.None)
        {
            return MetadataRecord.Absent(_path);
        }
        if (kind == FileKind.Symlink && _symlinkTarget is not { Length: > 0 })
        {
            throw Corrupt("is a symlink without a target (SymData)");
        }
        if (kind == FileKind.CharDevice)
        {
            kind = _deviceChar switch
            {
                (byte)'c' => FileKind.CharDevice,
                (byte)'b' => FileKind.BlockDevice,
                _ => throw Corrupt(_hasDeviceNumber ? "has a DeviceNum that is neither 'c' nor 'b'" : "is a device without DeviceNum"),
            };
        }
        return new MetadataRecord
        {
            Path = _path,
            Kind = kind,
            Size = _size,
            Sha1 = _sha1,
            HardLinkCount = _hardLinks,
            Inode = _inode,
            DeviceLoc = _deviceLoc,
            SymlinkTarget = _symlinkTarget,
            DeviceMajor = _major,
            DeviceMinor = _minor,
            ModTime = _modTime,
            ModTimeUnknown = kind is FileKind.CharDevice or FileKind.BlockDevice && !_hasModTime,
            Uid = _uid,
            Gid = _gid,
            UserName = _userName,
            GroupName = _groupName,
            Permissions = _permissions,
            AlternateMirrorName = _alternateMirrorName,
            AlternateIncrementName = _alternateIncrementName,
        };
    }

    private void Apply(ReadOnlySpan<byte> field, ReadOnlySpan<byte> value)
    {
        if (field.SequenceEqual("Uid"u8)) { _uid = (uint)Integer(field, value, 0, uint.MaxValue); }
        else if (field.SequenceEqual("Gid"u8)) { _gid = (uint)Integer(field, value, 0, uint.MaxValue); }
        else if (field.SequenceEqual("Uname"u8)) { _userName = OwnerName(value); }
        else if (field.SequenceEqual("Gname"u8)) { _groupName = OwnerName(value); }
        else if (field.SequenceEqual("Permissions"u8)) { _permissions = (int)Integer(field, value, 0, int.MaxValue); }
        else if (field.SequenceEqual("ModTime"u8)) { _modTime = Integer(field, value, long.MinValue, long.MaxValue); _hasModTime = true; }
        else if (field.SequenceEqual("Type"u8)) { _kind = Kind(value); }
        else if (field.SequenceEqual("Size"u8)) { _size = Integer(field, value, 0, long.MaxValue); }
        else if (field.SequenceEqual("SHA1Digest"u8)) { _sha1 = Sha1(value); }
        else if (field.SequenceEqual("NumHardLinks"u8)) { _hardLinks = Integer(field, value, 0, long.MaxValue); }
        else if (field.SequenceEqual("Inode"u8)) { _inode = Unsigned(field, value); }
        else if (field.SequenceEqual("DeviceLoc"u8)) { _deviceLoc = Unsigned(field, value); }
        else if (field.SequenceEqual("SymData"u8)) { _symlinkTarget = PathQuoting.Unquote(value); }
        else if (field.SequenceEqual("DeviceNum"u8)) { DeviceNumber(value); }
        else if (field.SequenceEqual("AlternateMirrorName"u8)) { _alternateMirrorName = AlternateName(field, value); }
        else if (field.SequenceEqual("AlternateIncrementName"u8)) { _alternateIncrementName = AlternateName(field, value); }
        // Anything else (ResourceFork, CarbonFile, fields of later versions) is ignored, as rdiff-backup does.
    }

    // The value names a file of long_filename_data: one name, never a path.
    private string AlternateName(ReadOnlySpan<byte> field, ReadOnlySpan<byte> value) =>
        RelPath.IsValidName(value) && System.Text.Ascii.IsValid(value)
            ? Encoding.ASCII.GetString(value)
            : throw Corrupt($"has an {Show(field)} '{Show(value)}' that is not a name in long_filename_data");

    private string? OwnerName(ReadOnlySpan<byte> value) =>
        value.SequenceEqual(":"u8) || value.SequenceEqual("None"u8) ? null : _names.Get(value);

    private FileKind Kind(ReadOnlySpan<byte> value) => value switch
    {
        _ when value.SequenceEqual("reg"u8) => FileKind.Regular,
        _ when value.SequenceEqual("dir"u8) => FileKind.Directory,
        _ when value.SequenceEqual("sym"u8) => FileKind.Symlink,
        _ when value.SequenceEqual("dev"u8) => FileKind.CharDevice,
        _ when value.SequenceEqual("fifo"u8) => FileKind.Fifo,
        _ when value.SequenceEqual("sock"u8) => FileKind.Socket,
        _ when value.SequenceEqual("None"u8) => FileKind.None,
        _ => throw Corrupt($"has an unknown Type '{Show(value)}'"),
    };

    private byte[] Sha1(ReadOnlySpan<byte> value)
    {
        if (value.Length != 40)
        {
            throw Corrupt($"has a SHA1Digest '{Show(value)}' that is not 40 hex digits");
        }
        var digest = new byte[20];
        for (int i = 0; i < 20; i++)
        {
            int high = HexValue(value[2 * i]), low = HexValue(value[(2 * i) + 1]);
            if ((high | low) < 0)
            {
                throw Corrupt($"has a SHA1Digest '{Show(value)}' that is not 40 hex digits");
            }
            digest[i] = (byte)((high << 4) | low);
        }
        return digest;
    }

    private void DeviceNumber(ReadOnlySpan<byte> value)
    {
        // "c <major> <minor>" or "b <major> <minor>".
        int first = value.IndexOf((byte)' ');
        int second = first < 0 ? -1 : value[(first + 1)..].IndexOf((byte)' ');
        if (first != 1 || second < 0)
        {
            throw Corrupt($"has a DeviceNum '{Show(value)}' that is not '<c|b> <major> <minor>'");
        }
        ReadOnlySpan<byte> rest = value[2..];
        _deviceChar = value[0];
        _hasDeviceNumber = true;
        _major = (uint)Integer("DeviceNum"u8, rest[..second], 0, uint.MaxValue);
        _minor = (uint)Integer("DeviceNum"u8, rest[(second + 1)..], 0, uint.MaxValue);
    }

    private long Integer(ReadOnlySpan<byte> field, ReadOnlySpan<byte> value, long min, long max)
    {
        if (!long.TryParse(value, IntegerStyle, CultureInfo.InvariantCulture, out long parsed) || parsed < min || parsed > max)
        {
            throw Corrupt($"has a bad {Show(field)} value '{Show(value)}'");
        }
        return parsed;
    }

    private ulong Unsigned(ReadOnlySpan<byte> field, ReadOnlySpan<byte> value) =>
        ulong.TryParse(value, IntegerStyle, CultureInfo.InvariantCulture, out ulong parsed)
            ? parsed
            : throw Corrupt($"has a bad {Show(field)} value '{Show(value)}'");

    private static int HexValue(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
        _ => -1,
    };

    private static string Show(ReadOnlySpan<byte> bytes) =>
        Encoding.UTF8.GetString(bytes.Length > 60 ? bytes[..60] : bytes).Replace('\r', ' ');

    private CorruptMetadataException Corrupt(string what) =>
        new($"The record of {PathQuoting.Display(_path)} in {_fileName} {what}; restore the file from a copy of the repository.");
}
