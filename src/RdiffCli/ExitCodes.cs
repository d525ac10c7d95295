namespace RdiffCli;

/// <summary>
/// Every exit code rdiffsharp uses; `--help` and the man page print this table. Codes are kept
/// stable for scripts and monitoring.
/// </summary>
internal static class ExitCodes
{
    public const int Success = 0;
    public const int Fatal = 1;
    public const int Usage = 2;

    public const string Table = """
        Exit codes:
          0  success
          1  fatal error (the message names the path and what to do)
          2  usage error (unknown command or option, missing argument)
        """;
}
