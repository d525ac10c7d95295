using RdiffCore.Metadata;
using RdiffCore.Model;
using RdiffCore.Reporting;

namespace RdiffCore.Sessions;

/// <summary>The session's error_log (§1.13); each line is also shown to the user and written to backup.log as it happens.</summary>
internal sealed class ErrorLog(MaybeGzipFile file, Action<string> show) : IFileErrors, IDisposable
{
    public int Count { get; private set; }

    public void Report(string type, RelPath path, string message)
    {
        file.Write(ErrorLogLine.Encode(type, path, message, nullSeparator: false));
        show(ErrorLogLine.Format(type, path, message));
        Count++;
    }

    public void Dispose() => file.Dispose();
}
