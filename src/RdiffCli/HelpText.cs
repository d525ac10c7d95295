namespace RdiffCli;

/// <summary>The text of `rdiffsharp --help`, kept in step with docs/rdiffsharp.1.</summary>
internal static class HelpText
{
    public const string Text = """
        rdiffsharp - reverse-delta incremental backups in rdiff-backup 2.2's repository format

        Usage:
          rdiffsharp -h, --help       show this help
          rdiffsharp -V, --version    show the version

        This build holds RdiffSharp's delta engine (librsync-compatible deltas); backup and
        restore commands arrive with the next releases and will accept rdiff-backup's command
        lines (1.x flags and 2.x actions) unchanged.


        """;
}
