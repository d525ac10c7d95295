using System.Text;
using Microsoft.Win32.SafeHandles;
using RdiffCore.Platform.Posix;

namespace RdiffCore.Storage;

/// <summary>
/// Keeps a second rdiffsharp run off the repository: an flock on rdiff-backup-data itself (invisible
/// to the format), plus, with API 201, rdiff-backup's lock.yml (§1.5), truncated when released.
/// </summary>
internal sealed class RepositoryLock : IDisposable
{
    private readonly SafeFileHandle _directory;
    private readonly SafeFileHandle? _lockFile;

    private RepositoryLock(SafeFileHandle directory, SafeFileHandle? lockFile)
    {
        _directory = directory;
        _lockFile = lockFile;
    }

    public static RepositoryLock Take(RepositoryLayout layout, bool exclusive, int apiVersion, string timestamp)
    {
        SafeFileHandle directory = PosixFs.OpenDirectory(layout.DataDirectory);
        if (!PosixFs.TryLock(directory, exclusive))
        {
            directory.Dispose();
            throw Locked(layout);
        }
        byte[] lockPath = layout.SettingFile("lock.yml"u8);
        if (apiVersion < 201 && !PosixFs.TryLStat(lockPath, out _))
        {
            return new RepositoryLock(directory, null);
        }
        SafeFileHandle lockFile = PosixFs.TryLStat(lockPath, out _) ? PosixFs.OpenWrite(lockPath) : PosixFs.CreateNew(lockPath, 0b110_000_000);
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
        return new RepositoryLock(directory, lockFile);
    }

    public void Dispose()
    {
        if (_lockFile is not null)
        {
            RandomAccess.SetLength(_lockFile, 0);
            _lockFile.Dispose();
        }
        _directory.Dispose();
    }

    private static RepositoryLockedException Locked(RepositoryLayout layout) => new(
        $"repository '{Encoding.UTF8.GetString(layout.Root)}' is in use by another backup or restore; wait for it to finish and run again");
}
