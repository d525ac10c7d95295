using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Win32.SafeHandles;
using RdiffCore.Model;
using RdiffCore.Platform.Posix;

namespace RdiffCore.Storage;

/// <summary>The checks and set-up before a backup touches anything (format.md §3.1 steps 2-4).</summary>
internal static partial class RepositoryPreparer
{
    public static void CheckSource(byte[] source)
    {
        if (!PosixFs.TryLStat(source, out FileStatus status))
        {
            throw new RdiffException($"source directory '{Show(source)}' does not exist; check the path");
        }
        if (status.Kind != FileKind.Directory)
        {
            throw new RdiffException($"source '{Show(source)}' is not a directory; give the directory to back up");
        }
        try
        {
            PosixFs.OpenDirectory(source).Dispose();
        }
        catch (PosixException e)
        {
            throw new RdiffException($"cannot read source directory '{Show(source)}' ({e.Errno}); check its permissions");
        }
    }

    /// <summary>
    /// Refuses a source and destination that overlap in a way that loses data, before anything is
    /// written (whatever --force says): a source that is the destination or lies inside it would be
    /// overwritten by its own mirror; a destination inside the source is skipped by the walk, so a
    /// first backup into one that holds files would delete them, backed up nowhere. A new or empty
    /// destination, or a repository, inside the source is fine: the walk leaves it out.
    /// </summary>
    public static void CheckOverlap(byte[] source, byte[] repository)
    {
        if (PathOverlap.IsAtOrBelow(source, repository))
        {
            string where = PathOverlap.IsAtOrBelow(repository, source) ? "is the destination" : "lies inside the destination";
            throw new RdiffException(
                $"source '{Show(source)}' {where} '{Show(repository)}'; the backup would overwrite what it backs up: give a destination outside the source");
        }
        if (PathOverlap.IsAtOrBelow(repository, source) && PosixFs.TryLStat(repository, out FileStatus status) && status.Kind == FileKind.Directory
            && !PosixFs.TryLStat(new RepositoryLayout(repository).DataDirectory, out _) && PosixFs.ReadDirectory(repository).Count > 0)
        {
            throw new RdiffException(
                $"destination '{Show(repository)}' lies inside the source '{Show(source)}' and holds files but no repository; the backup skips it and would delete them: give an empty directory or one outside the source");
        }
    }

    /// <summary>Creates the repository, or checks that an existing directory is one (or may become one with --force).</summary>
    public static void Prepare(RepositoryLayout layout, bool force)
    {
        if (!PosixFs.TryLStat(layout.Root, out FileStatus root))
        {
            PosixFs.MkDir(layout.Root, 0b111_101_101);
        }
        else if (root.Kind != FileKind.Directory)
        {
            throw new RdiffException($"destination '{Show(layout.Root)}' exists and is not a directory; give a directory for the repository");
        }
        if (!layout.Tree.TryLStat(layout.DataDirectory, out FileStatus data))
        {
            if (layout.Tree.ReadDirectory(layout.Root).Count > 0 && !force)
            {
                throw new RdiffException(
                    $"destination '{Show(layout.Root)}' is not empty and is not a repository; use --force to back up into it (files not in the source will be deleted)");
            }
            layout.Tree.MkDir(layout.DataDirectory, 0b111_000_000);
        }
        else
        {
            RequireDirectory(layout.DataDirectory, data);
        }
        if (!layout.Tree.TryLStat(layout.IncrementsDirectory, out FileStatus increments))
        {
            layout.Tree.MkDir(layout.IncrementsDirectory, 0b111_000_000);
        }
        else
        {
            RequireDirectory(layout.IncrementsDirectory, increments);
        }
    }

    /// <summary>rdiff-backup-data and increments are directories; a symlink there would lead every write elsewhere.</summary>
    private static void RequireDirectory(byte[] path, FileStatus status)
    {
        if (status.Kind != FileKind.Directory)
        {
            throw new RdiffException(
                $"the repository is damaged: '{PrintablePath.From(path)}' is a {status.Kind.ToString().ToLowerInvariant()}, not a directory; nothing is written through it: put the directory back from a copy of the repository");
        }
    }

    public static void CheckState(RepositoryLayout layout, RepositoryState state, long sessionTime)
    {
        if (state.Interrupted)
        {
            // A backup regresses an interrupted repository before it gets here (RegressEngine.RegressBeforeBackup).
            throw new NeedsRegressException(
                $"the last backup to '{Show(layout.Root)}' was interrupted; run 'rdiffsharp regress {Show(layout.Root)}' (or --check-destination-dir), then back up again");
        }
        if (state.MirrorTime is long mirror && mirror >= sessionTime)
        {
            throw new RdiffException(
                $"the last backup to '{Show(layout.Root)}' ({mirror}) is not in the past of this one ({sessionTime}); wait a second or fix the clock");
        }
        if (state.MirrorTime is null)
        {
            if (HoldsFiles(layout.Tree, layout.IncrementsDirectory))
            {
                throw new RdiffException(
                    $"'{Show(layout.DataDirectory)}' has increments but no current_mirror marker; the repository is damaged");
            }
            // A first backup that never finished (a crash, a signal): its session files and the empty
            // increment directories it made go, the mirror is collated again.
            foreach (byte[] name in layout.Tree.ReadDirectory(layout.IncrementsDirectory))
            {
                layout.Tree.RemoveTree(RepositoryLayout.Join(layout.IncrementsDirectory, name));
            }
            foreach (SessionFile file in state.Files)
            {
                layout.Tree.Unlink(file.Path);
            }
        }
    }

    /// <summary>
    /// rdiff-backup's _check_pids: no process named in a current_mirror marker may be alive, unless
    /// --force. Every marker counts, the older one too: a backup or regress that is still running
    /// may have written either.
    /// </summary>
    public static void CheckNotRunning(RepositoryLayout layout, RepositoryState state, bool force)
    {
        if (force)
        {
            return;
        }
        foreach (SessionFile marker in state.Markers)
        {
            if (ReadPid(layout.Tree, marker.Path) is int pid && pid != Environment.ProcessId && PosixFs.ProcessExists(pid))
            {
                throw new RepositoryLockedException(
                    $"process {pid}, named in '{PrintablePath.From(marker.Path)}', is still running: a backup or regress of '{Show(layout.Root)}' may be under way; wait for it to finish, or use --force if that process is not rdiffsharp or rdiff-backup");
            }
        }
    }

    public static string Show(ReadOnlySpan<byte> path) => Encoding.UTF8.GetString(path);

    /// <summary>Whether anything but directories lies under <paramref name="directory"/>: a first backup makes only directories there.</summary>
    private static bool HoldsFiles(RootedTree tree, byte[] directory)
    {
        foreach (byte[] name in tree.ReadDirectory(directory))
        {
            byte[] path = RepositoryLayout.Join(directory, name);
            if (tree.LStat(path).Kind != FileKind.Directory || HoldsFiles(tree, path))
            {
                return true;
            }
        }
        return false;
    }

    private static int? ReadPid(RootedTree tree, byte[] marker)
    {
        try
        {
            // "PID 12345\n"; like rdiff-backup, any line that starts so (case and spacing aside) counts.
            using SafeFileHandle file = tree.OpenRead(marker);
            byte[] start = new byte[4096];
            string text = Encoding.ASCII.GetString(start, 0, RandomAccess.Read(file, start, 0));
            Match match = PidLine().Match(text);
            return match.Success && int.TryParse(match.Groups[1].ValueSpan, out int pid) ? pid : null;
        }
        catch (Exception e) when (e is PosixException or IOException)
        {
            return null;
        }
    }

    [GeneratedRegex(@"^PID\s*([0-9]+)", RegexOptions.IgnoreCase | RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex PidLine();
}
