using System.Text;
using Microsoft.Win32.SafeHandles;
using RdiffCore.Model;
using RdiffCore.Platform.Posix;

namespace RdiffCore.Storage;

/// <summary>
/// Keeps a second rdiffsharp run off the repository: an flock on rdiff-backup-data itself (invisible
/// to the format), plus, with API 201, rdiff-backup's lock.yml (§1.5), truncated when released.
/// A reader only reads: it takes the shared flock on lock.yml opened read-only, and goes on with a
/// warning when it cannot, so that a repository on read-only media or of another owner can be restored.
/// </summary>
internal sealed class RepositoryLock : IDisposable
{
    private readonly SafeFileHandle _directory;
    private readonly SafeFileHandle? _lockFile;
    private readonly bool _exclusive;

    private RepositoryLock(SafeFileHandle directory, SafeFileHandle? lockFile, bool exclusive)
    {
        _directory = directory;
        _lockFile = lockFile;
        _exclusive = exclusive;
    }

    /// <summary>Takes the lock; <paramref name="warn"/> hears why a reader goes on without lock.yml.</summary>
    public static RepositoryLock Take(RepositoryLayout layout, bool exclusive, int apiVersion, string timestamp, Action<string>? warn = null)
    {
        SafeFileHandle directory = OpenDataDirectory(layout);
        if (!PosixFs.TryLock(directory, exclusive))
        {
            directory.Dispose();
            throw Locked(layout);
        }
        byte[] lockPath = layout.SettingFile("lock.yml"u8);
        bool exists = layout.Tree.TryLStat(lockPath, out FileStatus status);
        if (!exists && (apiVersion < 201 || !exclusive))
        {
            return new RepositoryLock(directory, null, exclusive);
        }
        SafeFileHandle? lockFile;
        try
        {
            lockFile = exclusive ? OpenForWriter(layout.Tree, lockPath, exists, status) : OpenForReader(layout.Tree, lockPath, status, warn);
        }
        catch
        {
            directory.Dispose();
            throw;
        }
        if (lockFile is null)
        {
            return new RepositoryLock(directory, null, exclusive);
        }
        if (!PosixFs.TryLock(lockFile, exclusive))
        {
            lockFile.Dispose();
            directory.Dispose();
            throw Locked(layout);
        }
        if (exclusive)
        {
            byte[] yaml = Encoding.UTF8.GetBytes(
                $"cmd: rdiffsharp\nhostname: {Environment.MachineName}\npid: {Environment.ProcessId}\ntimestamp: '{timestamp}'\n");
            RandomAccess.SetLength(lockFile, 0);
            RandomAccess.Write(lockFile, yaml, 0);
        }
        return new RepositoryLock(directory, lockFile, exclusive);
    }

    public void Dispose()
    {
        if (_lockFile is not null)
        {
            try
            {
                if (_exclusive)
                {
                    RandomAccess.SetLength(_lockFile, 0);
                }
            }
            catch (IOException)
            {
                // Best effort: a stale lock.yml only describes the last writer; the flock is what locks.
            }
            _lockFile.Dispose();
        }
        _directory.Dispose();
    }

    private static SafeFileHandle OpenForWriter(RootedTree tree, byte[] lockPath, bool exists, FileStatus status)
    {
        if (exists && status.Kind != FileKind.Regular)
        {
            throw new RdiffException(
                $"the repository is damaged: '{PrintablePath.From(lockPath)}' is a {status.Kind.ToString().ToLowerInvariant()}, not rdiff-backup's lock file; remove it (it only marks a running backup) and run again");
        }
        try
        {
            return exists ? tree.OpenWrite(lockPath) : tree.CreateNew(lockPath, 0b110_000_000);
        }
        catch (PosixException e) when (e.Errno is Errno.EACCES or Errno.EPERM or Errno.EROFS)
        {
            throw new RdiffException(
                $"cannot write to the repository ({e.Message}); backup, regress and remove need write access: run as the repository's owner, or mount it read-write (restore, list, verify and compare only read)", e);
        }
    }

    private static SafeFileHandle? OpenForReader(RootedTree tree, byte[] lockPath, FileStatus status, Action<string>? warn)
    {
        string? problem = status.Kind == FileKind.Regular ? null : $"it is a {status.Kind.ToString().ToLowerInvariant()}";
        if (problem is null)
        {
            try
            {
                return tree.OpenRead(lockPath);
            }
            catch (PosixException e)
            {
                problem = e.Message;
            }
        }
        warn?.Invoke($"cannot take rdiff-backup's lock '{PrintablePath.From(lockPath)}' ({problem}); reading without it, so make sure no backup runs meanwhile");
        return null;
    }

    /// <summary>rdiff-backup-data opened for its flock, beneath the repository's root and never through a symlink.</summary>
    private static SafeFileHandle OpenDataDirectory(RepositoryLayout layout)
    {
        SafeFileHandle directory = layout.Tree.OpenRead(layout.DataDirectory);
        if (PosixFs.FStat(directory).Kind != FileKind.Directory)
        {
            directory.Dispose();
            throw new RdiffException(
                $"the repository is damaged: '{PrintablePath.From(layout.DataDirectory)}' is not a directory; it must be the directory rdiff-backup made");
        }
        return directory;
    }

    private static RepositoryLockedException Locked(RepositoryLayout layout) => new(
        $"repository '{Encoding.UTF8.GetString(layout.Root)}' is in use by another backup or restore; wait for it to finish and run again");
}
