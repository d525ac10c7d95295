using System.Text;
using Microsoft.Win32.SafeHandles;
using RdiffCore.Platform.Posix;
using RdiffCore.Storage;

namespace RdiffCore.Sessions;

/// <summary>
/// rdiff-backup's human log of one action, <c>rdiff-backup-data/&lt;action&gt;.log</c>
/// (format.md §1.14): appended, UTF-8, one line per message at the default verbosity,
/// "NOTE: …" and "WARNING: …" under API 200, the prefix padded to 9 characters under API 201.
/// Nothing reads it back, so it is best effort: a log that cannot be opened or written (a
/// read-only repository, a full disk) is skipped and never stops the action.
/// </summary>
internal sealed class ActionLog : IDisposable
{
    private readonly SafeFileHandle? _file;
    private readonly int _apiVersion;

    private ActionLog(SafeFileHandle? file, int apiVersion, string? notOpened)
    {
        _file = file;
        _apiVersion = apiVersion;
        NotOpened = notOpened;
    }

    /// <summary>Why the log could not be opened ("open '…/restore.log': Permission denied"); null when it is written.</summary>
    public string? NotOpened { get; }

    /// <summary>Opens (creating it if needed) <c>&lt;action&gt;.log</c> for appending, as rdiff-backup does even when nothing is logged.</summary>
    public static ActionLog Open(RepositoryLayout layout, string action, int apiVersion)
    {
        try
        {
            byte[] path = layout.DataFile($"{action}.log");
            RootedTree tree = layout.Tree;
            return new ActionLog(tree.TryLStat(path, out _) ? tree.OpenWrite(path) : tree.CreateNew(path, 0b110_000_000), apiVersion, null);
        }
        catch (PosixException e)
        {
            // No log rather than no backup.
            return new ActionLog(null, apiVersion, e.Message);
        }
    }

    public void Note(string message) => Write("NOTE:", message);

    public void Warning(string message) => Write("WARNING:", message);

    /// <summary>The line as rdiff-backup formats it below verbosity 9.</summary>
    public static string Format(string prefix, string message, int apiVersion) =>
        apiVersion < 201 ? $"{prefix} {message}\n" : $"{prefix,-9}{message}\n";

    public void Dispose() => _file?.Dispose();

    private void Write(string prefix, string message)
    {
        if (_file is null)
        {
            return;
        }
        byte[] line = Encoding.UTF8.GetBytes(Format(prefix, message, _apiVersion));
        try
        {
            RandomAccess.Write(_file, line, RandomAccess.GetLength(_file));
        }
        catch (IOException)
        {
            // A full disk: the session itself reports it where it matters.
        }
    }
}
