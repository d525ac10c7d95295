namespace RdiffCore.Selection;

/// <summary>
/// Where the rules apply. <see cref="BasePath"/> is the source directory exactly as given on the
/// command line (relative or absolute): rdiff-backup matches globs and filelist lines against paths
/// that start with it, so "src" and "/home/u/src" accept different rules.
/// </summary>
/// <param name="BasePath">The source directory as given (OS path bytes).</param>
/// <param name="BaseDevice">st_dev of the base directory, for --exclude-other-filesystems.</param>
/// <param name="NullSeparator">--null-separator: filelists are NUL-separated instead of line-separated.</param>
internal sealed record SelectionSettings(byte[] BasePath, ulong BaseDevice = 0, bool NullSeparator = false);
