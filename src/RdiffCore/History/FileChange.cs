using RdiffCore.Model;

namespace RdiffCore.History;

/// <summary>One line of `list files --changed-since`: "new", "deleted" or "changed", and the path.</summary>
internal readonly record struct FileChange(string Change, RelPath Path);
