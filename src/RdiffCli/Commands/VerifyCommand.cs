using System.Text;
using RdiffCore;
using RdiffCore.Verify;

namespace RdiffCli.Commands;

/// <summary>
/// `rdiffsharp verify [--at TIME] REPO[/PATH]` and `--verify`, `--verify-at-time TIME`: rdiff-backup
/// 2.2's lines (its NOTE on standard output, WARNING and ERROR on standard error) and exit codes
/// (0: all verified or unhashed; 2: some files are bad). With --api-version 201, rdiff-backup 2.2's
/// bit flags there: 4 for bad files, 8 for files without a recorded SHA-1, both added up.
/// </summary>
internal static class VerifyCommand
{
    public static int Run(ParsedArguments args, TextWriter output, TextWriter error, CancellationToken stop)
    {
        ActionOptions.Check(args);
        if (args.Locations.Count != 1)
        {
            throw new UsageException("verify needs one repository: rdiffsharp verify [--at TIME] REPO[/PATH]");
        }
        bool verbose = (args.Number("verbosity") ?? args.Number("terminal-verbosity") ?? 3) >= 5;
        var options = new VerifyOptions
        {
            Repository = OsArguments.LocalPath(args.Locations[0]),
            At = args.Value("at") ?? args.Value("verify-at-time") ?? "now",
            CurrentTime = args.Number("current-time"),
            Stop = stop,
            CharsToQuote = BackupCommand.CharsToQuote(args),
            TempDirectory = BackupCommand.TempDirectory(args),
        };
        int api = BackupCommand.ApiVersion(args);
        var report = new VerifyReport(
            line =>
            {
                if (verbose)
                {
                    output.WriteLine("* " + line);
                }
            },
            line => error.WriteLine("WARNING: " + line),
            api >= 201 ? line => error.WriteLine("ERROR:   " + line) : null);
        VerifyResult result = RepositoryVerifier.Run(options, report);
        if (api >= 201)
        {
            return Api201(result, output, error);
        }
        if (result.Bad > 0)
        {
            error.WriteLine($"ERROR: Verification found {result.Bad} potentially corrupted files");
            error.WriteLine("WARNING: Action verify emitted warnings, see previous messages for details");
            return ExitCodes.Warning;
        }
        output.WriteLine(result.WithoutHash > 0
            ? $"NOTE: Verification found {result.WithoutHash} files without hash, all others could be verified successfully"
            : "NOTE: All files verified successfully");
        return ExitCodes.Success;
    }

    private static int Api201(VerifyResult result, TextWriter output, TextWriter error)
    {
        int code = (result.Bad > 0 ? ExitCodes.FileErrors : ExitCodes.Success) | (result.WithoutHash > 0 ? ExitCodes.FileWarnings : ExitCodes.Success);
        if (result.Bad > 0)
        {
            error.WriteLine($"ERROR:   Verification found {result.Bad} potentially corrupted files");
            if (result.WithoutHash > 0)
            {
                output.WriteLine($"NOTE:    Verification also found {result.WithoutHash} files without hash");
            }
            error.WriteLine("WARNING: Action verify failed on one or more files, see previous messages for details");
        }
        else
        {
            output.WriteLine(result.WithoutHash > 0
                ? $"NOTE:    Verification found {result.WithoutHash} files without hash, all others could be verified successfully"
                : "NOTE:    All files verified successfully");
        }
        if (result.WithoutHash > 0)
        {
            error.WriteLine("WARNING: Action verify emitted a warning on one or more files, see previous messages for details");
        }
        return code;
    }
}
