using System.Runtime.InteropServices;

namespace RdiffCore.Platform.Posix;

/// <summary>
/// A system call failed. The message is one line: the operation, the path (UTF-8, other bytes as
/// <c>\xNN</c>) and the system's text for the error, e.g.
/// <c>lstat '/srv/a\xFFb': No such file or directory</c>.
/// </summary>
internal sealed class PosixException : RdiffException
{
    public PosixException(Errno errno, string operation, ReadOnlySpan<byte> path)
        : base($"{operation} '{PrintablePath.From(path)}': {Describe(errno)}")
    {
        Errno = errno;
        Operation = operation;
        Path = path.ToArray();
    }

    /// <summary>For calls about two paths (rename, link, symlink): "rename 'a' to 'b': ...".</summary>
    public PosixException(Errno errno, string operation, ReadOnlySpan<byte> path, ReadOnlySpan<byte> secondPath)
        : base($"{operation} '{PrintablePath.From(path)}' to '{PrintablePath.From(secondPath)}': {Describe(errno)}")
    {
        Errno = errno;
        Operation = operation;
        Path = path.ToArray();
        SecondPath = secondPath.ToArray();
    }

    public Errno Errno { get; }

    /// <summary>The system call's name, e.g. "lstat" or "open".</summary>
    public string Operation { get; }

    /// <summary>The path the call was about (for rename the source, for link and symlink the new name).</summary>
    public byte[] Path { get; }

    /// <summary>The other path of rename, link and symlink; null for the rest.</summary>
    public byte[]? SecondPath { get; }

    /// <summary>The system's error text (strerror), without a trailing newline.</summary>
    public static string Describe(Errno errno) => Marshal.GetPInvokeErrorMessage((int)errno).ReplaceLineEndings(" ");
}
