using RdiffCore.Model;

namespace RdiffCore.Platform.Posix;

/// <summary>The file-type bits of st_mode (S_IFMT and friends) and their <see cref="FileKind"/>.</summary>
internal static class ModeBits
{
    public const int TypeMask = 0xf000;
    public const int Fifo = 0x1000;
    public const int CharDevice = 0x2000;
    public const int Directory = 0x4000;
    public const int BlockDevice = 0x6000;
    public const int Regular = 0x8000;
    public const int Symlink = 0xa000;
    public const int Socket = 0xc000;

    public const int OwnerRead = 0x100;
    public const int OwnerAll = 0x1c0;

    public static FileKind KindOf(int mode) => (mode & TypeMask) switch
    {
        Regular => FileKind.Regular,
        Directory => FileKind.Directory,
        Symlink => FileKind.Symlink,
        CharDevice => FileKind.CharDevice,
        BlockDevice => FileKind.BlockDevice,
        Fifo => FileKind.Fifo,
        Socket => FileKind.Socket,
        // Nothing else exists on Linux; a kernel that invents a type must not pass as a regular file.
        _ => throw new InvalidOperationException($"Unknown file type in mode 0{Convert.ToString(mode, 8)}."),
    };

    public static int TypeOf(FileKind kind) => kind switch
    {
        FileKind.Regular => Regular,
        FileKind.Directory => Directory,
        FileKind.Symlink => Symlink,
        FileKind.CharDevice => CharDevice,
        FileKind.BlockDevice => BlockDevice,
        FileKind.Fifo => Fifo,
        FileKind.Socket => Socket,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a kind of file that exists."),
    };
}
