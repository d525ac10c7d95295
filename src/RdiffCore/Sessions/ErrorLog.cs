using System.Text;
using RdiffCore.Metadata;
using RdiffCore.Model;
using RdiffCore.Reporting;

namespace RdiffCore.Sessions;

/// <summary>The session's error_log (§1.13), also shown to the user as it happens. The source walk
/// reports from its own thread, so reports are serialised.</summary>
internal sealed class ErrorLog(MaybeGzipFile file, Action<string> show) : IFileErrors, IDisposable
{
    private readonly Lock _lock = new();

    public int Count { get; private set; }

    public void Report(string type, RelPath path, string message)
    {
        string line = ErrorLogLine.Format(type, path, message);
        lock (_lock)
        {
            file.Write(Encoding.UTF8.GetBytes(line + "\n"));
            show(line);
            Count++;
        }
    }

    public void Dispose() => file.Dispose();
}
