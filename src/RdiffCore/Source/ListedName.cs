using RdiffCore.Platform.Posix;

namespace RdiffCore.Source;

/// <summary>A name of a directory being walked and what lstat (statx relative to the directory) said of it.</summary>
internal readonly record struct ListedName(byte[] Name, FileStatus Status);
