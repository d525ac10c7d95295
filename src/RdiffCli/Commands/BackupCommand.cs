using System.Text;
using RdiffCore;
using RdiffCore.Backup;
using RdiffCore.Remote;

namespace RdiffCli.Commands;

/// <summary>`rdiffsharp [backup] SRC DEST`: one backup session.</summary>
internal static class BackupCommand
{
    public static int Run(ParsedArguments args, TextWriter output, TextWriter error, CancellationToken stop)
    {
        if (args.Locations.Count != 2)
        {
            throw new UsageException("backup needs a source directory and a repository: rdiffsharp backup SRC DEST");
        }
        Location source = Location.Parse(OsArguments.Bytes(args.Locations[0]));
        Location repository = Location.Parse(OsArguments.Bytes(args.Locations[1]));
        var options = new BackupOptions
        {
            Source = source.Path,
            Repository = repository.Path,
            CurrentTime = args.Number("current-time"),
            Stop = stop,
            Force = args.Has("force"),
            Compression = args.Switch("compression", true),
            NoCompressionRegex = args.Value("not-compressed-regexp"),
            PreserveNumericalIds = args.Has("preserve-numerical-ids"),
            UserMappingFile = args.Value("user-mapping-file") is string userMap ? OsArguments.Bytes(userMap) : null,
            GroupMappingFile = args.Value("group-mapping-file") is string groupMap ? OsArguments.Bytes(groupMap) : null,
            Xattrs = args.Switch("eas", true),
            Acls = args.Switch("acls", true),
            HardLinks = args.Switch("hard-links", true),
            Fsync = args.Switch("fsync", true),
            ApiVersion = ApiVersion(args),
            FileStatistics = args.Switch("file-statistics", true),
            CompatibleTimestamps = args.Has("use-compatible-timestamps"),
            CharsToQuote = CharsToQuote(args),
            Selection = SelectionArguments.Rules(args, ReadStandardInput),
            NullSeparator = args.Has("null-separator"),
        };
        Action<string> warn = line => error.WriteLine(line);
        BackupResult result = (source.IsRemote, repository.IsRemote) switch
        {
            (false, false) => BackupEngine.Run(options, warn),
            (false, true) => RemoteBackup.Push(options, repository, RemoteArguments.Command(args, repository), warn),
            (true, false) => RemoteBackup.Pull(options, source, RemoteArguments.Command(args, source), warn),
            (true, true) => throw new UsageException("both the source and the repository are remote; run the backup on one of the two machines"),
        };
        if (args.Has("print-statistics"))
        {
            output.WriteLine($"Changed files: {result.ChangedFiles}, errors: {result.FileErrors}");
        }
        return (result.FileErrors > 0 ? ExitCodes.FileErrors : ExitCodes.Success) | (result.Regressed ? ExitCodes.Warning : ExitCodes.Success);
    }

    internal static byte[] ReadStandardInput()
    {
        using Stream input = Console.OpenStandardInput();
        using var bytes = new MemoryStream();
        input.CopyTo(bytes);
        return bytes.ToArray();
    }

    /// <summary>--chars-to-quote as the bytes rdiff-backup takes (os.fsencode of the argument); null when absent.</summary>
    internal static byte[]? CharsToQuote(ParsedArguments args) =>
        args.Value("chars-to-quote") is string value ? OsArguments.Bytes(value) : null;

    /// <summary>--tempdir as bytes; null when absent (checked to be a directory before any action, see Cli).</summary>
    internal static byte[]? TempDirectory(ParsedArguments args) =>
        args.Value("tempdir") is string value ? OsArguments.Bytes(value) : null;

    internal static int ApiVersion(ParsedArguments args)
    {
        long version = args.Number("api-version") ?? 200;
        // rdiff-backup refuses a version out of its range as a fatal error (exit 1), not a usage error.
        return version is 200 or 201 ? (int)version : throw new RdiffException($"--api-version {version} is not supported: it must be between 200 and 201");
    }
}
