using RdiffCore.Model;
using RdiffCore.Reporting;

namespace RdiffCore.Verify;

/// <summary>Source entries a compare cannot read: each becomes one warning line, and the walk goes on.</summary>
internal sealed class WarningFileErrors(Action<string> warn) : IFileErrors
{
    public int Count { get; private set; }

    public void Report(string type, RelPath path, string message)
    {
        Count++;
        warn($"Error reading source path {path} ({type}): {message}");
    }
}
