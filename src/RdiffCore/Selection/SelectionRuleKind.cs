namespace RdiffCore.Selection;

/// <summary>The selection options of rdiff-backup 2.2, plus --exclude-caches; each has an include and an exclude sense.</summary>
public enum SelectionRuleKind
{
    /// <summary>--include/--exclude GLOB.</summary>
    Glob,

    /// <summary>--include-regexp/--exclude-regexp RE (a regular expression searched in the full path).</summary>
    Regexp,

    /// <summary>--include-filelist/--exclude-filelist FILE (one literal path per line, +/- prefixes).</summary>
    Filelist,

    /// <summary>--include-globbing-filelist/--exclude-globbing-filelist FILE (one glob per line, +/- prefixes).</summary>
    GlobbingFilelist,

    /// <summary>--include-if-present/--exclude-if-present NAME.</summary>
    IfPresent,

    /// <summary>--exclude-device-files (character and block devices).</summary>
    DeviceFiles,

    /// <summary>--exclude-fifos.</summary>
    Fifos,

    /// <summary>--exclude-sockets.</summary>
    Sockets,

    /// <summary>--exclude-symbolic-links.</summary>
    SymbolicLinks,

    /// <summary>--exclude-special-files (devices, fifos, sockets and symbolic links).</summary>
    SpecialFiles,

    /// <summary>--exclude-other-filesystems (another st_dev than the base directory's).</summary>
    OtherFilesystems,

    /// <summary>--max-file-size BYTES (regular files larger are excluded).</summary>
    MaxFileSize,

    /// <summary>--min-file-size BYTES (regular files smaller are excluded).</summary>
    MinFileSize,

    /// <summary>--exclude-caches: a directory with a valid CACHEDIR.TAG keeps only itself and the tag.</summary>
    Caches,
}
