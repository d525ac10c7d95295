using RdiffCore.Metadata;
using RdiffCore.Model;
using RdiffCore.Reporting;

namespace RdiffCore.Sessions;

/// <summary>The session's error_log (§1.13); each line is also shown to the user and written to backup.log as it happens. The source walk reports from its own thread, so reports are serialised.</summary>
internal sealed class ErrorLog(MaybeGzipFile file, Action<string> show) : IFileErrors, IDisposable
{
    private readonly Lock _lock = new();

    public int Count { get; private set; }

    public void Report(string type, RelPath path, string message)
    {
        lock (_lock)
        {
            file.Write(ErrorLogLine.Encode(type, path, message, nullSeparator: false));
            show(ErrorLogLine.Format(type, path, message));
            Count++;
        }
    }

    public void Dispose() => file.Dispose();
}
