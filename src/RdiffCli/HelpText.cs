namespace RdiffCli;

/// <summary>The text of `rdiffsharp --help`, kept in step with docs/rdiffsharp.1.</summary>
internal static class HelpText
{
    public const string Text = """
        rdiffsharp - reverse-delta incremental backups in rdiff-backup 2.2's repository format

        rdiff-backup's command lines work with only the program name changed.

        Usage:
          rdiffsharp [options] SRC DEST                       back up SRC into the repository DEST
          rdiffsharp [options] backup SRC DEST                the same, 2.x style
          rdiffsharp -r TIME DEST[/PATH] TARGET               restore PATH (default: all) as of TIME
          rdiffsharp restore --at TIME DEST[/PATH] TARGET     the same, 2.x style
          rdiffsharp restore [--increment] INCREMENT TARGET   restore the path an increment belongs to, as of the
                                                              increment's time (no --at): INCREMENT is
                                                              DEST/rdiff-backup-data/increments/PATH.TIME.TYPE[.gz],
                                                              or DEST/rdiff-backup-data/increments.TIME.dir for
                                                              all (1.x: --restore INCREMENT TARGET)
          rdiffsharp list increments [--size] DEST[/PATH]     the backups kept (-l, --list-increment-sizes)
          rdiffsharp list files --at TIME DEST[/PATH]         the paths as of TIME (--list-at-time)
          rdiffsharp list files --changed-since TIME DEST[/PATH]
                                                              what changed since TIME (--list-changed-since)
          rdiffsharp verify [--at TIME] DEST[/PATH]           check each file's SHA-1 (--verify, --verify-at-time)
          rdiffsharp compare [--method meta|hash|full] [--at TIME] SRC DEST
                                                              SRC against a backup (--compare, --compare-hash,
                                                              --compare-full, --compare-at-time,
                                                              --compare-hash-at-time, --compare-full-at-time)
          rdiffsharp remove increments --older-than TIME [--size] DEST
                                                              remove older backups; more than one needs --force;
                                                              --size shows their sizes (--remove-older-than)
          rdiffsharp regress [OPTIONS] DEST                   repair an interrupted backup (--check-destination-dir);
                                                              owners as restore sets them (--preserve-numerical-ids,
                                                              mapping files); --allow-duplicate-timestamps: two
                                                              metadata files of one time only warn
          rdiffsharp calculate --method average FILE...       average of session_statistics files
          rdiffsharp status [--parsable-output] DEST          did the last backup finish (exit 0, 4 or 8)
          rdiffsharp info                                     version and environment
          rdiffsharp test [--remote-schema S] HOST::PATH...   start each far side over ssh and check that it
                                                              answers and may serve PATH (--test-server)
          rdiffsharp server [--restrict-path DIR] [--restrict-mode read-write|read-only|update-only]
                                                              serve one client on standard input and output,
                                                              only beneath DIR (1.x: --server, --restrict DIR,
                                                              --restrict-read-only DIR, --restrict-update-only DIR)
          rdiffsharp complete [--cword N] [--no-unique] -- WORDS...
                                                              shell completion: what may stand at word N of the
                                                              command line WORDS (program name first), one a line
          rdiffsharp ACTION --help                            what ACTION takes (list files --help, ...)
          rdiffsharp --new --help                             the global options and the actions
          rdiffsharp -h, --help | -V, --version

        Any SRC, DEST or TARGET may be [USER@]HOST::PATH, on another machine (one of each pair):
        backup pushes to or pulls from it, restore reads or writes it, compare, list, verify, status,
        regress, remove and info run where the repository is. The far side is started by
        --remote-schema S ({h} the host, default: ssh {h} rdiffsharp server; --ssh-compression adds
        -C, --remote-tempdir DIR is its --tempdir).

        Long options may be shortened to any prefix that names one option, as rdiff-backup's parser
        allows (--parsable for --parsable-output); a prefix of several is an error that lists them.

        TIME: now, epoch seconds, 2023-11-15, 2023-11-15T23:13:20+01:00, an age such as 3D, 2W5D,
        1h30m (s m h D W M Y), a count of backups back such as 0B (the latest) or 5B, or the time
        of an increment's name. A restore takes the latest backup at or before TIME.

        Options:
          --current-time SECONDS      the session time (backup) or the reference time (restore)
          --force                     back up into a non-empty directory; restore over a file or
                                      a non-empty directory (exit 2 for a directory, as rdiff-backup)
          --no-compression            do not gzip increments and statistics
          --not-compressed-regexp RE  paths (full mirror path, matched from the start) stored
                                      without gzip; alias --no-compression-regexp
          --preserve-numerical-ids    owners (and ACL entries) by id, not by name
          --user-mapping-file FILE, --group-mapping-file FILE
                                      lines old:new (names or ids): the owner recorded (restore)
                                      or found in the source (backup) and the one to set instead
          --no-eas, --no-acls         leave out extended attributes / POSIX ACLs
          --no-hard-links             store hard links as separate files
          --no-fsync                  skip the syncs that make an interrupted backup recoverable
          --no-file-statistics        do not write file_statistics
          --use-compatible-timestamps '-' instead of ':' in session file names
          --chars-to-quote CLASS      quote these bytes (a regex class body such as 'A-Z:') in
                                      names on disk as ;NNN; fixed by a repository's first backup
          --api-version 200|201       201 adds rdiff-backup's lock.yml and skips increments of
                                      files whose contents did not change; compare and verify
                                      exit with its codes for API 201 (see Exit codes)
          --parsable-output           list and status: machine-readable output; compare with
                                      --api-version 201: rdiff-backup's YAML list
          --tempdir DIR               where verify, compare and restore rebuild files from deltas

        Selection (backup, restore, compare; rules in command-line order, the first that matches decides, default include):
          restore: rules match TARGET as given, whole repository only, --force keeps what they exclude in TARGET
          compare: rules select SRC; with --method full every recorded path is still compared
          --include GLOB, --exclude GLOB          * ? [..] within a name, ** across names, ignorecase:
          --include-regexp RE, --exclude-regexp RE
          --include-filelist FILE, --exclude-filelist FILE (and -stdin; lines may start with + or -)
          --include-globbing-filelist FILE, --exclude-globbing-filelist FILE (and -stdin)
          --include-if-present NAME, --exclude-if-present NAME
          --exclude-other-filesystems, --exclude-device-files, --exclude-fifos, --exclude-sockets,
          --exclude-symbolic-links, --exclude-special-files, --max-file-size N, --min-file-size N
          --exclude-caches            a directory with a CACHEDIR.TAG keeps only the tag (GNU tar's rule)
          --null-separator            filelists are NUL-separated
          -v N, --verbosity N, --terminal-verbosity N   0 to 9 (verify: 5 lists each file; 8 and up: runtime
                                      information first: version, .NET runtime, system, command line)

        """;
}
