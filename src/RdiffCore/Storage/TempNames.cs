using System.Text;
using Microsoft.Win32.SafeHandles;
using RdiffCore.Model;
using RdiffCore.Platform.Posix;

namespace RdiffCore.Storage;

/// <summary>
/// Temp names beside their targets, numbered after <paramref name="prefix"/> from <paramref name="first"/>.
/// A name is only ever taken by creating it exclusively: a file already there under the next name
/// (a source file called rdiff-backup.tmp.N, a leftover of another process) is not this process's
/// to remove or rename over, so the next number is tried instead.
/// </summary>
internal sealed class TempNames(string prefix, long first)
{
    /// <summary>How many taken names in a row are skipped before giving up.</summary>
    public const int MaxAttempts = 1000;

    private long _next = first;

    /// <summary>rdiff-backup's names for a backup, rdiff-backup.tmp.N from the pid × 1000, so that a regress of either tool removes leftovers.</summary>
    public static TempNames ForBackup() => new("rdiff-backup.tmp.", Environment.ProcessId * 1000L);

    /// <summary>
    /// Creates a new entry under the first free temp name in <paramref name="directory"/>;
    /// <paramref name="create"/> must fail with EEXIST when the name is taken (O_EXCL, link, symlink,
    /// mknod and mkdir do). Returns the name, which from then on is the caller's to clean up.
    /// </summary>
    public byte[] Create(ReadOnlySpan<byte> directory, Action<byte[]> create)
    {
        for (int attempt = 1; ; attempt++)
        {
            byte[] temp = RelPath.Join(directory, Encoding.ASCII.GetBytes($"{prefix}{_next++}"));
            try
            {
                create(temp);
                return temp;
            }
            catch (PosixException e) when (e.Errno == Errno.EEXIST && attempt < MaxAttempts)
            {
                // Someone else's file: left alone, the next name is tried.
            }
        }
    }

    /// <summary>A new empty regular file (mode 0600) under the first free temp name of a directory of <paramref name="tree"/>, open for writing.</summary>
    public (byte[] Path, SafeFileHandle File) CreateFile(RootedTree tree, ReadOnlySpan<byte> directory)
    {
        SafeFileHandle? file = null;
        byte[] path = Create(directory, temp => file = tree.CreateNew(temp, 0b110_000_000));
        return (path, file!);
    }
}
