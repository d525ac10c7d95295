namespace RdiffCore.Backup;

/// <summary>
/// One path could not be backed up this time and keeps its previous state; the backup goes on.
/// <see cref="ErrorType"/> is rdiff-backup's error_log word: ListError when the source could not
/// be read, UpdateError when what was read does not match what the walk saw.
/// </summary>
internal sealed class SkippedFileException(string errorType, string message, Exception? inner = null) : Exception(message, inner)
{
    public string ErrorType { get; } = errorType;
}
