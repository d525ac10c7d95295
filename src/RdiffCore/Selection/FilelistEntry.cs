using RdiffCore.Model;

namespace RdiffCore.Selection;

/// <summary>One line of a filelist: a path below the base, and whether it includes or excludes.</summary>
internal readonly record struct FilelistEntry(RelPath Path, bool Include);
