using RdiffCore.Model;

namespace RdiffCore.Reporting;

/// <summary>Where per-file problems go: the session's error_log and the user's terminal. The run goes on.</summary>
internal interface IFileErrors
{
    /// <summary><paramref name="type"/> is rdiff-backup's word: ListError, UpdateError or SpecialFileError.</summary>
    void Report(string type, RelPath path, string message);

    int Count { get; }
}
