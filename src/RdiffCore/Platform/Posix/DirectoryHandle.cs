using System.Buffers;
using System.Globalization;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace RdiffCore.Platform.Posix;

/// <summary>
/// An open directory (an O_PATH descriptor, or a readable one from <see cref="OpenDirectory"/>) and the calls made relative to it: every name given
/// is one component, looked up in this very directory and never followed if it is a symlink. A
/// directory renamed or replaced by a symlink after it was opened can no longer redirect a call.
/// The path is kept for messages only.
/// </summary>
internal sealed partial class DirectoryHandle : IDisposable
{
    private const int PathFlags = LibC.OpenPath | LibC.OpenDirectory | LibC.OpenCloseOnExec | LibC.OpenNoFollow;
    private const int CloseOnExecNoFollow = LibC.OpenCloseOnExec | LibC.OpenNoFollow;
    private const ulong Confined = LibC.ResolveBeneath | LibC.ResolveNoSymlinks | LibC.ResolveNoMagicLinks;

    private readonly SafeFileHandle _handle;

    // Opened for reading (OpenDirectory), not O_PATH: its first listing reads the descriptor itself.
    private bool _unread;

    private DirectoryHandle(int fd, byte[] path, bool readable = false)
    {
        _handle = new SafeFileHandle(fd, ownsHandle: true);
        Path = path;
        _unread = readable;
    }

    /// <summary>The directory's path, for messages.</summary>
    public byte[] Path { get; }

    /// <summary>
    /// Opens a root the user named (an absolute path): symlinks along it are followed, as a user
    /// expects of a path typed on the command line. Everything below is reached through the handle.
    /// </summary>
    public static DirectoryHandle OpenRoot(ReadOnlySpan<byte> path)
    {
        using var cPath = new CPath(path, stackalloc byte[CPath.StackLength], "open");
        while (true)
        {
            int fd = LibC.Open(cPath.Value, LibC.OpenPath | LibC.OpenDirectory | LibC.OpenCloseOnExec, 0);
            if (fd >= 0)
            {
                return new DirectoryHandle(fd, path.ToArray());
            }
            if (LibC.LastError != Errno.EINTR)
            {
                throw new PosixException(LibC.LastError, "open", path);
            }
        }
    }

    /// <summary>
    /// Opens a directory below this one by a relative path of one or more components: no component
    /// may be a symlink, "..", or lead out of this directory (ELOOP or EXDEV otherwise).
    /// </summary>
    public DirectoryHandle OpenBelow(ReadOnlySpan<byte> relative)
    {
        if (relative.Length >= MaxPathLength)
        {
            return OpenBelowInSteps(relative);
        }
        byte[] display = Join(relative);
        using var cPath = new CPath(relative, stackalloc byte[CPath.StackLength], "open");
        using var fd = new BorrowedFd(_handle);
        for (int attempt = 0; ; attempt++)
        {
            int child = LibC.OpenAt2(fd.Fd, cPath.Value, PathFlags, Confined);
            if (child >= 0)
            {
                return new DirectoryHandle(child, display);
            }
            Errno errno = LibC.LastError;
            // EAGAIN: openat2 saw a rename or mount race under RESOLVE_BENEATH and asks to try again.
            if (errno == Errno.EINTR || (errno == Errno.EAGAIN && attempt < 16))
            {
                continue;
            }
            throw errno is Errno.ELOOP or Errno.EXDEV
                ? new PosixException(errno, "open (a symlink or '..' on the way is not followed)", display)
                : new PosixException(errno, "open", display);
        }
    }

    /// <summary>lstat of a name in this directory; false when nothing is there.</summary>
    public bool TryStat(ReadOnlySpan<byte> name, out FileStatus status)
    {
        using var cName = new CPath(name, stackalloc byte[CPath.StackLength], "lstat");
        using var fd = new BorrowedFd(_handle);
        if (LibC.Statx(fd.Fd, cName.Value, LibC.AtSymlinkNoFollow, NativeStatx.BasicStats, out NativeStatx buffer) == 0)
        {
            status = buffer.ToFileStatus();
            return true;
        }
        Errno errno = LibC.LastError;
        status = default;
        return errno is Errno.ENOENT or Errno.ENOTDIR ? false : throw new PosixException(errno, "lstat", Join(name));
    }

    public FileStatus Stat(ReadOnlySpan<byte> name) =>
        TryStat(name, out FileStatus status) ? status : throw new PosixException(Errno.ENOENT, "lstat", Join(name));

    /// <summary>The directory's own status.</summary>
    public FileStatus StatSelf()
    {
        using var fd = new BorrowedFd(_handle);
        if (LibC.Statx(fd.Fd, "\0"u8, LibC.AtEmptyPath, NativeStatx.BasicStats, out NativeStatx buffer) != 0)
        {
            throw new PosixException(LibC.LastError, "lstat", Path);
        }
        return buffer.ToFileStatus();
    }

    /// <summary>The names in this directory, without "." and "..".</summary>
    public List<byte[]> ReadNames()
    {
        if (_unread)
        {
            _unread = false;
            return PosixFs.ReadDirectory(_handle, Path);
        }
        using SafeFileHandle listing = OpenAt("."u8, LibC.OpenReadOnly | LibC.OpenDirectory | LibC.OpenCloseOnExec, 0, Path);
        return PosixFs.ReadDirectory(listing, Path);
    }

    /// <summary>Opens a file of this directory for reading; a symlink is refused (ELOOP).</summary>
    public SafeFileHandle OpenRead(ReadOnlySpan<byte> name) => OpenAt(name, LibC.OpenReadOnly | CloseOnExecNoFollow, 0, null);

    /// <summary>Creates a file that must not exist yet; the umask applies to <paramref name="mode"/>. Open for reading too.</summary>
    public SafeFileHandle CreateNew(ReadOnlySpan<byte> name, int mode) =>
        OpenAt(name, LibC.OpenReadWrite | LibC.OpenCreate | LibC.OpenExclusive | CloseOnExecNoFollow, (uint)mode, null);

    /// <summary>Opens an existing file for writing, without truncating it.</summary>
    public SafeFileHandle OpenWrite(ReadOnlySpan<byte> name) => OpenAt(name, LibC.OpenWriteOnly | CloseOnExecNoFollow, 0, null);

    /// <summary>A symlink's target, however long.</summary>
    public byte[] ReadLink(ReadOnlySpan<byte> name)
    {
        using var cName = new CPath(name, stackalloc byte[CPath.StackLength], "readlink");
        using var fd = new BorrowedFd(_handle);
        for (int size = 256; ; size = checked(size * 2))
        {
            byte[] buffer = ArrayPool<byte>.Shared.Rent(size);
            try
            {
                nint length = LibC.ReadLinkAt(fd.Fd, cName.Value, buffer, (nuint)buffer.Length);
                if (length < 0)
                {
                    throw new PosixException(LibC.LastError, "readlink", Join(name));
                }
                if (length < buffer.Length)
                {
                    return buffer.AsSpan(0, (int)length).ToArray();
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    /// <summary>Flushes the directory's entries to disk.</summary>
    public void Fsync()
    {
        using SafeFileHandle self = OpenAt("."u8, LibC.OpenReadOnly | LibC.OpenDirectory | LibC.OpenCloseOnExec, 0, Path);
        PosixFs.Fsync(self);
    }

    /// <summary>Flushes the whole file system the directory is on.</summary>
    public void SyncFs()
    {
        using SafeFileHandle self = OpenAt("."u8, LibC.OpenReadOnly | LibC.OpenDirectory | LibC.OpenCloseOnExec, 0, Path);
        using var fd = new BorrowedFd(self);
        if (LibC.SyncFs(fd.Fd) != 0)
        {
            throw new PosixException(LibC.LastError, "syncfs", Path);
        }
    }

    /// <summary>
    /// "/proc/self/fd/N/.": a path by which a path-taking call reaches this very directory while the
    /// handle is open, whatever has been renamed or swapped for a symlink since it was opened.
    /// </summary>
    public byte[] PinnedPath()
    {
        using var fd = new BorrowedFd(_handle);
        return ProcPath("."u8, fd.Fd);
    }

    /// <summary>"directory/name", for messages.</summary>
    public byte[] Join(ReadOnlySpan<byte> name) =>
        name.IsEmpty || name.SequenceEqual("."u8) ? Path
        : Path is [(byte)'/'] ? [(byte)'/', .. name]
        : Model.RelPath.Join(Path, name);

    public void Dispose() => _handle.Dispose();

    /// <summary>
    /// The xattr calls have no *at form before Linux 6.13: "/proc/self/fd/N/name" reaches the name in
    /// this directory through the descriptor (the l* calls do not follow the name itself).
    /// </summary>
    private static byte[] ProcPath(ReadOnlySpan<byte> name, int fd) =>
        [.. Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"/proc/self/fd/{fd}/")), .. name];

    private SafeFileHandle OpenAt(ReadOnlySpan<byte> name, int flags, uint mode, byte[]? display)
    {
        using var cName = new CPath(name, stackalloc byte[CPath.StackLength], "open");
        using var fd = new BorrowedFd(_handle);
        while (true)
        {
            int file = LibC.OpenAt(fd.Fd, cName.Value, flags, mode);
            if (file >= 0)
            {
                return new SafeFileHandle(file, ownsHandle: true);
            }
            if (LibC.LastError != Errno.EINTR)
            {
                throw new PosixException(LibC.LastError, "open", display ?? Join(name));
            }
        }
    }
}
