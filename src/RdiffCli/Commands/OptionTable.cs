namespace RdiffCli.Commands;

/// <summary>
/// Every option rdiff-backup 2.2.2's parsers know, grouped and ordered as it declares them, and
/// where each is valid: the one source for parsing, for `complete`, for `ACTION --help` and for the
/// checks that --help and the man page name them. A few are ours alone (--exclude-caches, status).
/// </summary>
internal static class OptionTable
{
    private static readonly string[] Verbosities = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"];

    private static readonly OptionSpec Help = new(["-h", "--help"], null, "show this help and exit") { Key = "help" };
    private static readonly OptionSpec Version = new(["-V", "--version"], null, "show the version and exit") { Key = "version" };

    /// <summary>The options of every action, given before it.</summary>
    private static readonly OptionSpec[] Common =
    [
        new(["--api-version"], "N", "200 or 201: 201 adds rdiff-backup's lock.yml and skips the increments of files whose contents did not change") { Completion = ValueCompletion.Nothing },
        new(["--current-time"], "SECONDS", "the session time of a backup, the reference time of a restore (for tests)") { Completion = ValueCompletion.Nothing },
        new(["--force"], null, "back up into a non-empty directory, restore over existing files, remove more than one backup"),
        new(["--fsync", "--no-fsync"], null, "sync (or not) so that an interrupted backup can be regressed (default: sync)"),
        new(["--null-separator"], null, "filelists are separated by NUL bytes, not newlines"),
        new(["--new", "--no-new"], null, "read the command line in the 2.x style (or the 1.x style)"),
        new(["--chars-to-quote", "--override-chars-to-quote"], "CHARS", "quote these bytes (a regex class body such as 'A-Z:') in names on disk as ;NNN") { Key = "chars-to-quote", Completion = ValueCompletion.Nothing },
        new(["--parsable-output"], null, "machine-readable output (list, status)"),
        new(["--remote-schema"], "SCHEMA", "the command that starts the far side: {h} is the host ({Vx}.{Vy}.{Vz} our version; default: ssh {h} rdiffsharp server)") { Completion = ValueCompletion.Nothing },
        new(["--remote-tempdir"], "DIR", "temporary directory of the far side (passed to its server as --tempdir)") { Completion = ValueCompletion.Nothing },
        new(["--ssh-compression", "--no-ssh-compression"], null, "compress (or not) with ssh -C; the default is not: the protocol compresses, faster"),
        new(["--tempdir"], "DIR", "directory for temporary files") { Completion = ValueCompletion.Nothing },
        new(["--terminal-verbosity"], "N", "verbosity on the terminal, 0 to 9") { Choices = Verbosities, Completion = ValueCompletion.Choices },
        new(["--use-compatible-timestamps"], null, "'-' instead of ':' in the times of session file names"),
        new(["-v", "--verbosity"], "N", "verbosity, 0 to 9 (verify: 5 lists each file; 8 and up: runtime information first)") { Key = "verbosity", Choices = Verbosities, Completion = ValueCompletion.Choices },
    ];

    // 1.x only: rdiff-backup 2.2 keeps them for old command lines.
    private static readonly OptionSpec[] Compat200 =
    [
        new(["--restrict"], "DIR", "serve only beneath DIR (--restrict-path DIR)") { Completion = ValueCompletion.Nothing },
        new(["--restrict-read-only"], "DIR", "serve only beneath DIR, only reading") { Completion = ValueCompletion.Nothing },
        new(["--restrict-update-only"], "DIR", "serve only beneath DIR, only backups into it") { Completion = ValueCompletion.Nothing },
        new(["--ssh-no-compression"], null, "the same as --no-ssh-compression (accepted, ignored)"),
    ];

    private static readonly OptionSpec[] Creation =
    [
        new(["--create-full-path"], null, "create the missing parent directories of the repository (accepted, ignored)"),
    ];

    private static readonly OptionSpec[] Compression =
    [
        new(["--compression", "--no-compression"], null, "gzip (or not) increments and statistics (default: gzip)"),
        new(["--not-compressed-regexp", "--no-compression-regexp"], "REGEXP", "paths stored without gzip (the full mirror path, matched from its start)") { Key = "not-compressed-regexp" },
    ];

    private static readonly OptionSpec[] Selection =
    [
        Select("", "GLOB", "paths matching GLOB (* ? [..] within a name, ** across names, an ignorecase: prefix)", ValueCompletion.Nothing),
        Select("-device-files", null, "device files"),
        Select("-fifos", null, "named pipes"),
        Select("-filelist", "LIST_FILE", "the paths listed in a file, one a line (+ or - before a path overrides)", ValueCompletion.File),
        Select("-filelist-stdin", null, "the paths listed on standard input"),
        Select("-symbolic-links", null, "symbolic links"),
        Select("-sockets", null, "sockets"),
        Select("-globbing-filelist", "GLOBS_FILE", "the globs listed in a file, one a line", ValueCompletion.File),
        Select("-globbing-filelist-stdin", null, "the globs listed on standard input"),
        Select("-other-filesystems", null, "what lies on another file system than SOURCE"),
        Select("-regexp", "REGEXP", "paths a regular expression matches", ValueCompletion.Nothing),
        Select("-if-present", "FILENAME", "directories holding a file of this name", ValueCompletion.Nothing),
        Select("-special-files", null, "device files, named pipes, sockets and symbolic links"),
        new(["--max-file-size"], "SIZE", "leave out regular files larger than SIZE bytes") { Completion = ValueCompletion.Nothing },
        new(["--min-file-size"], "SIZE", "leave out regular files smaller than SIZE bytes") { Completion = ValueCompletion.Nothing },
        new(["--exclude-caches"], null, "a directory with a CACHEDIR.TAG keeps only the tag (beyond rdiff-backup, GNU tar's rule)"),
    ];

    private static readonly OptionSpec[] FileSystem =
    [
        new(["--acls", "--no-acls"], null, "keep (or not) POSIX ACLs"),
        new(["--carbonfile", "--no-carbonfile"], null, "macOS Finder information (accepted, ignored)"),
        new(["--compare-inode", "--no-compare-inode"], null, "compare inodes of hard-linked files (accepted, ignored)"),
        new(["--eas", "--no-eas"], null, "keep (or not) extended attributes"),
        new(["--hard-links", "--no-hard-links"], null, "keep (or not) hard links"),
        new(["--resource-forks", "--no-resource-forks"], null, "macOS resource forks (accepted, ignored)"),
        new(["--never-drop-acls"], null, "fail rather than drop ACLs (accepted, ignored)"),
    ];

    private static readonly OptionSpec[] UserGroup =
    [
        new(["--group-mapping-file"], "MAP_FILE", "lines old:new mapping groups (names or ids)") { Completion = ValueCompletion.File },
        new(["--preserve-numerical-ids"], null, "set owners (and ACL entries) by id, not by name"),
        new(["--user-mapping-file"], "MAP_FILE", "lines old:new mapping users (names or ids)") { Completion = ValueCompletion.File },
    ];

    private static readonly OptionSpec[] Statistics =
    [
        new(["--file-statistics", "--no-file-statistics"], null, "write (or not) file_statistics (default: write)"),
        new(["--print-statistics", "--no-print-statistics"], null, "print (or not) a summary after the backup"),
    ];

    private static readonly OptionSpec[] Timestamp =
    [
        new(["--allow-duplicate-timestamps"], null, "two metadata files of one time only warn"),
    ];

    private static readonly OptionSpec[] Restrict =
    [
        new(["--restrict-path"], "DIR", "serve only paths beneath DIR, as the kernel resolves them") { Completion = ValueCompletion.Nothing },
        new(["--restrict-mode"], "MODE", "read-write (default), read-only, or update-only (backups only: history is never removed or read)") { Choices = ["read-write", "read-only", "update-only"], Completion = ValueCompletion.Choices },
    ];

    // 1.x: at most one of these, the action (default: backup).
    private static readonly OptionSpec[] OldActionFlags =
    [
        new(["-b", "--backup-mode"], null, "back up SOURCE into REPOSITORY (the default)") { Key = "backup-mode" },
        new(["--calculate-average"], null, "average of session_statistics files"),
        new(["--check-destination-dir"], null, "regress an interrupted backup"),
        new(["--compare"], null, "compare SOURCE with the latest backup by metadata"),
        new(["--compare-at-time"], "TIME", "compare by metadata with the backup as of TIME") { Completion = ValueCompletion.Nothing },
        new(["--compare-hash"], null, "compare by SHA-1"),
        new(["--compare-hash-at-time"], "TIME", "compare by SHA-1 with the backup as of TIME") { Completion = ValueCompletion.Nothing },
        new(["--compare-full"], null, "compare whole files"),
        new(["--compare-full-at-time"], "TIME", "compare whole files with the backup as of TIME") { Completion = ValueCompletion.Nothing },
        new(["--list-at-time"], "TIME", "list the paths as of TIME") { Completion = ValueCompletion.Nothing },
        new(["--list-changed-since"], "TIME", "list what changed since TIME") { Completion = ValueCompletion.Nothing },
        new(["-l", "--list-increments"], null, "list the backups kept") { Key = "list-increments" },
        new(["--list-increment-sizes"], null, "list the backups kept with their sizes"),
        new(["--remove-older-than"], "TIME", "remove the backups older than TIME") { Completion = ValueCompletion.Nothing },
        new(["-r", "--restore-as-of"], "TIME", "restore as of TIME") { Key = "restore-as-of", Completion = ValueCompletion.Nothing },
        new(["--restore"], null, "restore from an increment file"),
        new(["-s", "--server"], null, "serve one remote client on standard input and output") { Key = "server" },
        new(["--test-server"], null, "check that each SERVER::PATH answers"),
        new(["--verify"], null, "check every file of the latest backup against its SHA-1"),
        new(["--verify-at-time"], "TIME", "check every file as of TIME against its SHA-1") { Completion = ValueCompletion.Nothing },
    ];

    private static readonly OptionSpec SizeOption = new(["--size", "--no-size"], null, "also print (or not) the size of each backup's increments");

    /// <summary>The options before a 2.x action.</summary>
    public static readonly OptionScope Global = new("rdiffsharp", [Help, .. Common, Version], "", "reverse-delta incremental backups in rdiff-backup 2.2's repository format");

    /// <summary>A 1.x command line: every option anywhere, the action a flag.</summary>
    public static readonly OptionScope Compat = new(
        "rdiffsharp",
        [Help, .. Common, .. Compat200, .. Creation, .. Compression, .. Selection, .. FileSystem, .. UserGroup, .. Statistics, .. Timestamp, .. Restrict, Version, .. OldActionFlags],
        "LOCATION...",
        "the 1.x command line: the action is a flag, backup by default")
    { Locations = 0 };

    /// <summary>The 2.x actions, in rdiff-backup's (alphabetical) order, and ours (status) after them.</summary>
    public static readonly IReadOnlyList<OptionScope> Actions =
    [
        new("backup", [Help, .. Creation, .. Compression, .. Selection, .. FileSystem, .. UserGroup, .. Statistics], "SOURCE REPOSITORY",
            "Back up SOURCE into the repository REPOSITORY (created if needed); the previous backup's changed files become reverse increments.") { Locations = 2 },
        new("calculate", [Help, new(["--method"], "METHOD", "what to calculate: average (the one method)") { Choices = ["average"] }], "STATISTICS_FILE...",
            "Average the session_statistics files given.") { Locations = 0 },
        new("compare", [Help, .. Selection,
                new(["--method"], "METHOD", "meta (default: metadata), hash (SHA-1 of changed files) or full (whole files)") { Choices = ["meta", "full", "hash"] },
                new(["--at"], "TIME", "compare with the backup as of TIME (default: now, the latest)")], "SOURCE REPOSITORY[/PATH]",
            "Compare SOURCE with a backup; each difference is one line, and exit code 1 says there were some.") { Locations = 2 },
        new("complete", [Help,
                new(["--cword"], "N", "the index in WORDS of the word being completed (negative: from the end)") { Completion = ValueCompletion.Nothing },
                new(["--unique", "--no-unique"], null, "leave out (or not) the options already on the command line")], "-- WORDS...",
            "Print the words that may complete a command line, one a line, for shell completion: WORDS is the command line, the program name first; '::file::' stands for a file name."),
        new("info", [Help], "", "Print the version and the environment, in rdiff-backup's layout."),
        new("list", [Help], "files|increments ...", "List the paths of a backup or the backups kept.")
        {
            Entities =
            [
                new("list files", [Help,
                        new(["--changed-since"], "TIME", "list what changed since TIME (new, deleted or changed)"),
                        new(["--at"], "TIME", "list the paths as of TIME (default: now, the latest)")], "REPOSITORY[/PATH]",
                    "List the paths of a backup, or what changed since a time.") { Locations = 1 },
                new("list increments", [Help, SizeOption], "REPOSITORY[/PATH]", "List the backups kept, oldest first.") { Locations = 1 },
            ],
        },
        new("regress", [Help, .. Compression, .. Timestamp, .. UserGroup], "REPOSITORY",
            "Repair a repository whose last backup was interrupted: the mirror and the metadata go back to the last finished backup.") { Locations = 1 },
        new("remove", [Help], "increments ...", "Remove old backups.")
        {
            Entities =
            [
                new("remove increments", [Help,
                        new(["--older-than"], "TIME", "remove the backups older than TIME (required)"),
                        SizeOption], "REPOSITORY",
                    "Remove the backups older than a time and every increment only they need; more than one needs --force.") { Locations = 1 },
            ],
        },
        new("restore", [Help, .. Creation, .. Compression, .. Selection, .. FileSystem, .. UserGroup,
                new(["--at"], "TIME", "restore as of TIME (default: now, the latest)"),
                new(["--increment"], null, "REPOSITORY is an increment file to restore")], "REPOSITORY[/PATH] TARGET",
            "Restore a backup, or a path in it, into TARGET.") { Locations = 2 },
        new("server", [Help, .. Restrict, new(["--debug"], null, "allow remote debugging")], "", "Serve one remote rdiffsharp on standard input and output (run by ssh, e.g. as a forced command)."),
        new("test", [Help], "SERVER::PATH...", "Check that each SERVER::PATH answers: the far side's version, and that it may serve PATH.") { Locations = 0 },
        new("verify", [Help, new(["--at"], "TIME", "check the backup as of TIME (default: now, the latest)")], "REPOSITORY[/PATH]",
            "Rebuild every regular file of a backup and check its SHA-1; each bad file is named.") { Locations = 1 },
        new("status", [Help], "REPOSITORY", "Say whether the last backup finished (exit 0, 4 or 8); beyond rdiff-backup.") { Locations = 1 },
    ];

    public static OptionScope? Action(string name) => Actions.FirstOrDefault(a => a.Name == name);

    /// <summary>The 1.x action flags (keys), of which a command line takes one at most.</summary>
    public static IEnumerable<string> OldActionKeys => OldActionFlags.SelectMany(o => o.Names.Select(o.KeyOf)).Distinct();

    /// <summary>Every option of every scope, ours and rdiff-backup's.</summary>
    public static IEnumerable<OptionSpec> All =>
        Compat.Options.Concat(Actions.SelectMany(a => a.Options.Concat(a.Entities.SelectMany(e => e.Options)))).Distinct();

    // rdiff-backup's --SELECT placeholder: one option under two names, --exclude... then --include....
    private static OptionSpec Select(string suffix, string? metavar, string what, ValueCompletion completion = ValueCompletion.Options) =>
        new(["--exclude" + suffix, "--include" + suffix], metavar, "leave out (include) " + what)
        {
            Completion = completion,
            Unsupported = suffix is "-device-files" or "-fifos" or "-sockets" or "-other-filesystems"
                ? "this include rule is not supported by this version of rdiffsharp; leave it out (what no rule excludes is included)"
                : null,
            UnsupportedNames = ["--include" + suffix],
        };
}
