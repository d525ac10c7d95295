using System.Text;
using RdiffCore.Metadata;
using RdiffCore.Model;
using RdiffCore.Reporting;

namespace RdiffCore.Sessions;

/// <summary>The session's error_log (§1.13), also shown to the user as it happens.</summary>
internal sealed class ErrorLog(MaybeGzipFile file, Action<string> show) : IFileErrors, IDisposable
{
    public int Count { get; private set; }

    public void Report(string type, RelPath path, string message)
    {
        string line = ErrorLogLine.Format(type, path, message);
        file.Write(Encoding.UTF8.GetBytes(line + "\n"));
        show(line);
        Count++;
    }

    public void Dispose() => file.Dispose();
}
