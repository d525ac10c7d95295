using System.Globalization;
using Microsoft.Win32.SafeHandles;
using RdiffCore.Model;
using RdiffCore.Platform.Posix;
using RdiffCore.Tests.Support;

namespace RdiffCore.Tests.Platform.Posix;

/// <summary>Opening, locking, syncing, the process and free-space queries, and the errors they raise.</summary>
public sealed class PosixFsFilesTests
{
    [Test]
    public void A_missing_path_is_ENOENT_with_a_one_line_message_naming_it()
    {
        using var temp = new TempDirectory();
        byte[] path = BytePath.Join(temp.Path, [(byte)'a', 0xff, (byte)'\n', (byte)'b']);

        var error = Assert.Throws<PosixException>(() => PosixFs.LStat(path));

        Assert.That(error!.Errno, Is.EqualTo(Errno.ENOENT));
        Assert.That(error.Operation, Is.EqualTo("lstat"));
        Assert.That(error.Path, Is.EqualTo(path));
        Assert.That(error.Message, Is.EqualTo($"lstat '{temp.Path}/a\\xFF\\x0Ab': No such file or directory"));
        Assert.That(error, Is.InstanceOf<RdiffException>());
    }

    [Test]
    public void TryLStat_is_false_only_when_nothing_is_there()
    {
        using var temp = new TempDirectory();
        temp.Write("file", "x"u8);
        PosixFs.Symlink("loop2"u8, BytePath.Of(temp["loop1"]));
        PosixFs.Symlink("loop1"u8, BytePath.Of(temp["loop2"]));

        Assert.That(PosixFs.TryLStat(BytePath.Of(temp["missing"]), out _), Is.False, "ENOENT");
        Assert.That(PosixFs.TryLStat(BytePath.Of(temp["file"] + "/child"), out _), Is.False, "ENOTDIR");
        Assert.That(PosixFs.TryLStat(BytePath.Of(temp["loop1"]), out FileStatus link), Is.True);
        Assert.That(link.Kind, Is.EqualTo(FileKind.Symlink));
        var error = Assert.Throws<PosixException>(() => PosixFs.TryLStat(BytePath.Of(temp["loop1"] + "/child"), out _));
        Assert.That(error!.Errno, Is.EqualTo(Errno.ELOOP));
    }

    [Test]
    public void CreateNew_refuses_an_existing_name_with_EEXIST()
    {
        using var temp = new TempDirectory();
        byte[] path = BytePath.Of(temp.Write("f", "old"u8));

        var error = Assert.Throws<PosixException>(() => PosixFs.CreateNew(path, 0b110_000_000).Dispose());

        Assert.That(error!.Errno, Is.EqualTo(Errno.EEXIST));
        Assert.That(error.Message, Is.EqualTo($"open '{temp["f"]}': File exists"));
        Assert.That(File.ReadAllText(temp["f"]), Is.EqualTo("old"));
    }

    [Test]
    public void CreateNew_applies_the_mode_less_the_umask()
    {
        using var temp = new TempDirectory();
        byte[] path = BytePath.Of(temp["f"]);
        int umask = Convert.ToInt32(SystemTool.Line("sh", "-c", "umask"), 8);

        PosixFs.CreateNew(path, 0b111_111_111).Dispose();

        Assert.That(PosixFs.LStat(path).Permissions, Is.EqualTo(0b111_111_111 & ~umask));
    }

    [Test]
    public void Opening_for_read_or_write_does_not_follow_a_symlink()
    {
        using var temp = new TempDirectory();
        temp.Write("target", "x"u8);
        byte[] link = BytePath.Of(temp["link"]);
        PosixFs.Symlink("target"u8, link);

        Assert.That(Assert.Throws<PosixException>(() => PosixFs.OpenRead(link).Dispose())!.Errno, Is.EqualTo(Errno.ELOOP));
        Assert.That(Assert.Throws<PosixException>(() => PosixFs.OpenWrite(link).Dispose())!.Errno, Is.EqualTo(Errno.ELOOP));
        Assert.That(Assert.Throws<PosixException>(() => PosixFs.CreateNew(link, 0b110_000_000).Dispose())!.Errno, Is.EqualTo(Errno.EEXIST));
        Assert.That(Assert.Throws<PosixException>(() => PosixFs.OpenWrite(BytePath.Of(temp["missing"])).Dispose())!.Errno, Is.EqualTo(Errno.ENOENT));
        Assert.That(Assert.Throws<PosixException>(() => PosixFs.OpenDirectory(BytePath.Of(temp["target"])).Dispose())!.Errno, Is.EqualTo(Errno.ENOTDIR));
    }

    [Test]
    public void A_handle_works_with_RandomAccess_and_FileStream()
    {
        using var temp = new TempDirectory();
        byte[] path = BytePath.Of(temp["f"]);

        using (SafeFileHandle created = PosixFs.CreateNew(path, 0b110_000_000))
        using (var stream = new FileStream(created, FileAccess.Write))
        {
            stream.Write("hello, world"u8);
        }
        using SafeFileHandle read = PosixFs.OpenRead(path);

        Assert.That(RandomAccess.GetLength(read), Is.EqualTo(12L));
        Assert.That(File.ReadAllText(temp["f"]), Is.EqualTo("hello, world"));
    }

    [Test]
    public void RmDir_of_a_directory_with_entries_is_ENOTEMPTY_and_the_directory_stays()
    {
        using var temp = new TempDirectory();
        byte[] directory = BytePath.Of(temp["d"]);
        PosixFs.MkDir(directory, 0b111_000_000);
        PosixFs.MkDir(BytePath.Join(directory, "child"u8), 0b111_000_000);

        var error = Assert.Throws<PosixException>(() => PosixFs.RmDir(directory));

        Assert.That(error!.Errno, Is.EqualTo(Errno.ENOTEMPTY));
        Assert.That(error.Message, Is.EqualTo($"rmdir '{temp["d"]}': Directory not empty"));
        Assert.That(Assert.Throws<PosixException>(() => PosixFs.MkDir(directory, 0b111_000_000))!.Errno, Is.EqualTo(Errno.EEXIST));
        Assert.That(Assert.Throws<PosixException>(() => PosixFs.Unlink(directory))!.Errno, Is.EqualTo(Errno.EISDIR));
    }

    [Test]
    public void Errors_of_two_path_calls_name_both_paths()
    {
        using var temp = new TempDirectory();
        temp.Write("a", "x"u8);
        temp.Write("b", "y"u8);

        var link = Assert.Throws<PosixException>(() => PosixFs.Link(BytePath.Of(temp["a"]), BytePath.Of(temp["b"])));
        var rename = Assert.Throws<PosixException>(() => PosixFs.Rename(BytePath.Of(temp["missing"]), BytePath.Of(temp["b"])));
        var symlink = Assert.Throws<PosixException>(() => PosixFs.Symlink("t"u8, BytePath.Of(temp["a"])));

        Assert.That(link!.Message, Is.EqualTo($"link '{temp["b"]}' to '{temp["a"]}': File exists"));
        Assert.That(rename!.Message, Is.EqualTo($"rename '{temp["missing"]}' to '{temp["b"]}': No such file or directory"));
        Assert.That(symlink!.Message, Is.EqualTo($"symlink '{temp["a"]}' to 't': File exists"));
        Assert.That(rename.SecondPath, Is.EqualTo(BytePath.Of(temp["b"])));
    }

    [Test]
    public void Rename_replaces_an_existing_file()
    {
        using var temp = new TempDirectory();
        temp.Write("new", "new"u8);
        temp.Write("old", "old"u8);

        PosixFs.Rename(BytePath.Of(temp["new"]), BytePath.Of(temp["old"]));

        Assert.That(File.ReadAllText(temp["old"]), Is.EqualTo("new"));
        Assert.That(File.Exists(temp["new"]), Is.False);
    }

    [Test]
    public void SetTimes_and_LChown_on_a_symlink_leave_its_target_alone()
    {
        using var temp = new TempDirectory();
        temp.Write("target", "x"u8);
        byte[] link = BytePath.Of(temp["link"]);
        PosixFs.Symlink("target"u8, link);
        string targetBefore = SystemTool.Line("stat", "-c", "%Y %u %g", temp["target"]);

        PosixFs.SetTimes(link, 111, 222, noFollow: true);
        PosixFs.LChown(link, 4321, 8765);

        Assert.That(SystemTool.Line("stat", "-c", "%X %Y %u %g", temp["link"]), Is.EqualTo("111 222 4321 8765"));
        Assert.That(SystemTool.Line("stat", "-c", "%Y %u %g", temp["target"]), Is.EqualTo(targetBefore));

        PosixFs.SetTimes(link, 333, 444, noFollow: false);
        Assert.That(SystemTool.Line("stat", "-c", "%X %Y", temp["target"]), Is.EqualTo("333 444"), "followed to the target");
    }

    [Test]
    public void MkNod_refuses_kinds_it_cannot_make()
    {
        using var temp = new TempDirectory();

        Assert.Throws<ArgumentOutOfRangeException>(() => PosixFs.MkNod(BytePath.Of(temp["f"]), FileKind.Regular, 0b110_000_000, 0, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => PosixFs.MkNod(BytePath.Of(temp["f"]), FileKind.Directory, 0b111_000_000, 0, 0));
    }

    [Test]
    public void TryLock_held_by_one_open_file_refuses_another()
    {
        using var temp = new TempDirectory();
        byte[] path = BytePath.Of(temp.Write("lock", ""u8));
        using SafeFileHandle first = PosixFs.OpenRead(path);
        using SafeFileHandle second = PosixFs.OpenRead(path);

        Assert.That(PosixFs.TryLock(first, exclusive: true), Is.True);
        Assert.That(PosixFs.TryLock(second, exclusive: true), Is.False);
        Assert.That(PosixFs.TryLock(second, exclusive: false), Is.False);
        Assert.That(ExternalTool.Run("flock", "--nonblock", "--shared", temp["lock"], "true").ExitCode, Is.Not.Zero, "flock(1) is refused too");

        first.Dispose();
        Assert.That(PosixFs.TryLock(second, exclusive: false), Is.True);
        Assert.That(ExternalTool.Run("flock", "--nonblock", "--shared", temp["lock"], "true").ExitCode, Is.Zero, "shared locks coexist");
        Assert.That(ExternalTool.Run("flock", "--nonblock", "--exclusive", temp["lock"], "true").ExitCode, Is.Not.Zero);
    }

    [Test]
    public void ProcessExists_asks_the_kernel()
    {
        Assert.That(PosixFs.ProcessExists(Environment.ProcessId), Is.True);
        Assert.That(PosixFs.ProcessExists(1), Is.True, "init exists (EPERM for others counts as existing)");
        Assert.That(PosixFs.ProcessExists(int.MaxValue), Is.False, "beyond pid_max: ESRCH");
        Assert.That(PosixFs.ProcessExists(0), Is.False);
        Assert.That(PosixFs.ProcessExists(-1), Is.False);
    }

    [Test]
    public void FreeBytes_is_what_statvfs_reports_to_df()
    {
        using var temp = new TempDirectory();
        string[] statFs = SystemTool.Line("stat", "-f", "-c", "%a %S", temp.Path).Split(' ');
        long expected = long.Parse(statFs[0], CultureInfo.InvariantCulture) * long.Parse(statFs[1], CultureInfo.InvariantCulture);

        long free = PosixFs.FreeBytes(BytePath.Of(temp.Path));

        // Others write to the same disk meanwhile; f_bfree or a wrong field would be off by far more.
        Assert.That(free, Is.EqualTo(expected).Within(64L << 20));
        Assert.That(Assert.Throws<PosixException>(() => PosixFs.FreeBytes(BytePath.Of(temp["missing"])))!.Errno, Is.EqualTo(Errno.ENOENT));
    }

    [Test]
    public void Fsync_FsyncPath_and_SyncFs_succeed_on_files_and_directories()
    {
        using var temp = new TempDirectory();
        byte[] file = BytePath.Of(temp.Write("f", "x"u8));
        byte[] directory = BytePath.Of(temp.Path);

        using (SafeFileHandle handle = PosixFs.OpenWrite(file))
        {
            RandomAccess.Write(handle, "y"u8, 1);
            PosixFs.Fsync(handle);
        }
        PosixFs.FsyncPath(file);
        PosixFs.FsyncPath(directory);
        PosixFs.SyncFs(directory);

        Assert.That(File.ReadAllText(temp["f"]), Is.EqualTo("xy"));
        Assert.That(Assert.Throws<PosixException>(() => PosixFs.FsyncPath(BytePath.Of(temp["missing"])))!.Errno, Is.EqualTo(Errno.ENOENT));
        Assert.That(Assert.Throws<PosixException>(() => PosixFs.SyncFs(BytePath.Of(temp["missing"])))!.Errno, Is.EqualTo(Errno.ENOENT));
    }
}
