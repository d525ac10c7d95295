using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace RdiffCore.Platform.Posix;

/// <summary>
/// Every file system call RdiffSharp makes, with paths as bytes (absolute or relative to the
/// current directory, without NUL), so that names which are not UTF-8 survive. Stateless.
/// Failures throw <see cref="PosixException"/> unless a method says otherwise.
/// </summary>
[SkipLocalsInit]
internal static partial class PosixFs
{
    /// <summary>The process's effective user id.</summary>
    public static uint EffectiveUid => LibC.GetEUid();

    private const int DirectoryBufferLength = 32 * 1024;

    public static FileStatus LStat(ReadOnlySpan<byte> path)
    {
        if (!StatPath(path, out FileStatus status, out Errno errno))
        {
            throw new PosixException(errno, "lstat", path);
        }
        return status;
    }

    /// <summary>False when nothing is there (ENOENT, or ENOTDIR for a parent that is not a directory).</summary>
    public static bool TryLStat(ReadOnlySpan<byte> path, out FileStatus status)
    {
        if (StatPath(path, out status, out Errno errno))
        {
            return true;
        }
        if (errno is Errno.ENOENT or Errno.ENOTDIR)
        {
            return false;
        }
        throw new PosixException(errno, "lstat", path);
    }

    public static FileStatus FStat(SafeFileHandle file)
    {
        using var fd = new BorrowedFd(file);
        if (LibC.Statx(fd.Fd, "\0"u8, LibC.AtEmptyPath, NativeStatx.BasicStats, out NativeStatx buffer) != 0)
        {
            throw FdError("fstat", fd.Fd);
        }
        return buffer.ToFileStatus();
    }

    /// <summary>The names in a directory, without "." and "..", in the order the file system gives them.</summary>
    public static List<byte[]> ReadDirectory(ReadOnlySpan<byte> path)
    {
        using SafeFileHandle directory = OpenDirectory(path);
        return ReadDirectory(directory, path);
    }

    /// <summary>The names in an open directory (read from its current position); <paramref name="path"/> names it in errors.</summary>
    public static List<byte[]> ReadDirectory(SafeFileHandle directory, ReadOnlySpan<byte> path)
    {
        using var fd = new BorrowedFd(directory);
        byte[] buffer = ArrayPool<byte>.Shared.Rent(DirectoryBufferLength);
        try
        {
            var names = new List<byte[]>();
            while (true)
            {
                nint length = LibC.GetDents64(fd.Fd, buffer, (nuint)buffer.Length);
                if (length < 0)
                {
                    throw new PosixException(LibC.LastError, "getdents64", path);
                }
                if (length == 0)
                {
                    return names;
                }
                AddNames(buffer.AsSpan(0, (int)length), names);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>A symlink's target, however long.</summary>
    public static byte[] ReadLink(ReadOnlySpan<byte> path)
    {
        using var cPath = new CPath(path, stackalloc byte[CPath.StackLength], "readlink");
        int size = 256;
        while (true)
        {
            byte[] buffer = ArrayPool<byte>.Shared.Rent(size);
            try
            {
                nint length = LibC.ReadLink(cPath.Value, buffer, (nuint)buffer.Length);
                if (length < 0)
                {
                    throw new PosixException(LibC.LastError, "readlink", path);
                }
                if (length < buffer.Length)
                {
                    return buffer.AsSpan(0, (int)length).ToArray();
                }
                // A full buffer may be a cut-off target: readlink does not say, so try a larger one.
                size = checked(buffer.Length * 2);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    /// <summary>kill(pid, 0): true unless the kernel says there is no such process. False for pid &lt;= 0.</summary>
    public static bool ProcessExists(int pid)
    {
        if (pid <= 0)
        {
            // kill would address a process group (or all processes), not the pid asked about.
            return false;
        }
        return LibC.Kill(pid, 0) == 0 || LibC.LastError != Errno.ESRCH;
    }

    /// <summary>Bytes an unprivileged user may still write there (statvfs f_bavail * f_frsize).</summary>
    public static long FreeBytes(ReadOnlySpan<byte> path)
    {
        using var cPath = new CPath(path, stackalloc byte[CPath.StackLength], "statvfs");
        if (LibC.StatVfs(cPath.Value, out NativeStatvfs buffer) != 0)
        {
            throw new PosixException(LibC.LastError, "statvfs", path);
        }
        UInt128 bytes = (UInt128)buffer.AvailableBlocks * buffer.FragmentSize;
        return bytes > long.MaxValue ? long.MaxValue : (long)bytes;
    }

    private static bool StatPath(ReadOnlySpan<byte> path, out FileStatus status, out Errno errno)
    {
        using var cPath = new CPath(path, stackalloc byte[CPath.StackLength], "lstat");
        if (LibC.Statx(LibC.AtFdCwd, cPath.Value, LibC.AtSymlinkNoFollow, NativeStatx.BasicStats, out NativeStatx buffer) != 0)
        {
            errno = LibC.LastError;
            status = default;
            return false;
        }
        errno = Errno.None;
        status = buffer.ToFileStatus();
        return true;
    }

    // struct linux_dirent64: u64 d_ino, s64 d_off, u16 d_reclen, u8 d_type, then the NUL-terminated name.
    private static void AddNames(ReadOnlySpan<byte> records, List<byte[]> names)
    {
        const int NameOffset = 19;
        while (!records.IsEmpty)
        {
            int recordLength = BinaryPrimitives.ReadUInt16LittleEndian(records[16..]);
            ReadOnlySpan<byte> name = records[NameOffset..recordLength];
            name = name[..name.IndexOf((byte)0)];
            if (!name.SequenceEqual("."u8) && !name.SequenceEqual(".."u8))
            {
                names.Add(name.ToArray());
            }
            records = records[recordLength..];
        }
    }

    /// <summary>An error about an open descriptor, named by the path the kernel has for it.</summary>
    private static PosixException FdError(string operation, int fd)
    {
        Errno errno = LibC.LastError;
        byte[] procPath = Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"/proc/self/fd/{fd}"));
        byte[] path = procPath;
        try
        {
            path = ReadLink(procPath);
        }
        catch (PosixException)
        {
            // Without /proc the descriptor's number is still a name the message can give.
        }
        return new PosixException(errno, operation, path);
    }
}
