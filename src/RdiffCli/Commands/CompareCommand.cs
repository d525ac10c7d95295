using System.Text;
using RdiffCore;
using RdiffCore.Verify;

namespace RdiffCli.Commands;

/// <summary>
/// `rdiffsharp compare [--method meta|hash|full] [--at TIME] SRC REPO[/PATH]` and the 1.x flags
/// (--compare, --compare-hash, --compare-full, --compare-at-time, --compare-hash-at-time, --compare-full-at-time): one "REASON: PATH" line per
/// difference on standard output; exit 0 when none, 1 when some, as rdiff-backup 2.2. With
/// --api-version 201, as rdiff-backup 2.2 there: some differences exit 8 (its file warning), and
/// --parsable-output prints them as a YAML list (which API 200 ignores).
/// </summary>
internal static class CompareCommand
{
    public static int Run(ParsedArguments args, TextWriter output, TextWriter error, CancellationToken stop)
    {
        if (args.Locations.Count != 2)
        {
            throw new UsageException("compare needs a source directory and a repository: rdiffsharp compare [--method meta|hash|full] SRC REPO");
        }
        int api = BackupCommand.ApiVersion(args);
        bool parsable = api >= 201 && args.Has("parsable-output");
        RdiffCore.Remote.Location source = RdiffCore.Remote.Location.Parse(OsArguments.Bytes(args.Locations[0]));
        RdiffCore.Remote.Location repository = RdiffCore.Remote.Location.Parse(OsArguments.Bytes(args.Locations[1]));
        var options = new CompareOptions
        {
            Source = source.Path,
            Repository = repository.Path,
            Method = Method(args),
            At = args.Value("at") ?? args.Value("compare-at-time") ?? args.Value("compare-hash-at-time") ?? args.Value("compare-full-at-time") ?? "now",
            CurrentTime = args.Number("current-time"),
            Stop = stop,
            CharsToQuote = BackupCommand.CharsToQuote(args),
            Selection = SelectionArguments.Rules(args, BackupCommand.ReadStandardInput),
            NullSeparator = args.Has("null-separator"),
            Parsable = parsable,
            TempDirectory = BackupCommand.TempDirectory(args),
        };
        Func<Action<string>, Action<string>, long> compare = (source.IsRemote, repository.IsRemote) switch
        {
            (false, false) => (difference, warn) => RepositoryComparer.Run(options, difference, warn),
            (false, true) => (difference, warn) => RdiffCore.Remote.RemoteCompare.Against(options, repository, RemoteArguments.Command(args, repository), difference, warn),
            (true, false) => (difference, warn) => RdiffCore.Remote.RemoteCompare.From(options, source, RemoteArguments.Command(args, source), difference, warn),
            (true, true) => throw new UsageException("both the source and the repository are remote; run the compare on one of the two machines"),
        };
        if (api < 201)
        {
            long found = compare(output.WriteLine, line => error.WriteLine("WARNING: " + line));
            if (found == 0)
            {
                output.WriteLine("NOTE: No changes found. Directory matches archive data.");
                return ExitCodes.Success;
            }
            error.WriteLine("ERROR: Action compare failed on step run");
            return ExitCodes.Fatal;
        }
        // rdiff-backup prints the list (with PyYAML's "---" and "..." markers) after the walk, then a blank line.
        var entries = new List<string>();
        long differences = compare(parsable ? entries.Add : output.WriteLine, line => error.WriteLine("WARNING: " + line));
        if (parsable)
        {
            output.Write(entries.Count == 0 ? "--- []\n" : "---\n" + string.Concat(entries.Select(entry => entry + "\n")));
            output.Write("...\n\n");
        }
        // At API 201 rdiff-backup pads its level to nine columns and words the summary anew.
        if (differences == 0)
        {
            output.WriteLine("NOTE:    No changes found. Directory matches backup data");
            return ExitCodes.Success;
        }
        error.WriteLine($"WARNING: Directory has {differences} file differences to backup");
        error.WriteLine("WARNING: Action compare emitted a warning on one or more files, see previous messages for details");
        return ExitCodes.FileWarnings;
    }

    private static CompareMethod Method(ParsedArguments args) =>
        args.Value("method") switch
        {
            "meta" => CompareMethod.Meta,
            "hash" => CompareMethod.Hash,
            "full" => CompareMethod.Full,
            null => args.Has("compare-full") || args.Has("compare-full-at-time") ? CompareMethod.Full
                : args.Has("compare-hash") || args.Has("compare-hash-at-time") ? CompareMethod.Hash
                : CompareMethod.Meta,
            string other => throw new UsageException($"--method '{other}' is not one of meta, hash, full"),
        };
}
