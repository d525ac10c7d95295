using System.Globalization;
using System.Text;
using RdiffCore;
using RdiffCore.Selection;

namespace RdiffCli.Commands;

/// <summary>
/// rdiff-backup's selection options, in command-line order, as the rules the library compiles
/// (format.md §5.3). The -stdin filelists are read here, once.
/// </summary>
internal static class SelectionArguments
{
    public static List<SelectionRule> Rules(ParsedArguments args, Func<byte[]> readStandardInput)
    {
        var rules = new List<SelectionRule>();
        byte[]? stdin = null;
        foreach ((string name, string? value) in args.Sequence)
        {
            byte[]? argument = value is null ? null : OsArguments.Bytes(value);
            SelectionRule? rule = name switch
            {
                "include" or "exclude" => new SelectionRule(SelectionRuleKind.Glob, Include(name), argument),
                "include-regexp" or "exclude-regexp" => new SelectionRule(SelectionRuleKind.Regexp, Include(name), argument),
                "include-filelist" or "exclude-filelist" => new SelectionRule(SelectionRuleKind.Filelist, Include(name), argument),
                "include-globbing-filelist" or "exclude-globbing-filelist" => new SelectionRule(SelectionRuleKind.GlobbingFilelist, Include(name), argument),
                "include-filelist-stdin" or "exclude-filelist-stdin" =>
                    new SelectionRule(SelectionRuleKind.Filelist, Include(name)) { Content = stdin ??= readStandardInput() },
                "include-globbing-filelist-stdin" or "exclude-globbing-filelist-stdin" =>
                    new SelectionRule(SelectionRuleKind.GlobbingFilelist, Include(name)) { Content = stdin ??= readStandardInput() },
                "include-if-present" or "exclude-if-present" => new SelectionRule(SelectionRuleKind.IfPresent, Include(name), argument),
                "exclude-other-filesystems" => new SelectionRule(SelectionRuleKind.OtherFilesystems, false),
                "exclude-device-files" => new SelectionRule(SelectionRuleKind.DeviceFiles, false),
                "exclude-fifos" => new SelectionRule(SelectionRuleKind.Fifos, false),
                "exclude-sockets" => new SelectionRule(SelectionRuleKind.Sockets, false),
                "exclude-symbolic-links" or "include-symbolic-links" => new SelectionRule(SelectionRuleKind.SymbolicLinks, Include(name)),
                "exclude-special-files" or "include-special-files" => new SelectionRule(SelectionRuleKind.SpecialFiles, Include(name)),
                "exclude-caches" => new SelectionRule(SelectionRuleKind.Caches, false),
                "max-file-size" => new SelectionRule(SelectionRuleKind.MaxFileSize, false) { Size = Bytes(name, value!) },
                "min-file-size" => new SelectionRule(SelectionRuleKind.MinFileSize, false) { Size = Bytes(name, value!) },
                _ => null,
            };
            if (rule is not null)
            {
                rules.Add(rule);
            }
        }
        return rules;
    }

    private static bool Include(string name) => name.StartsWith("include", StringComparison.Ordinal);

    private static long Bytes(string name, string value) =>
        long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out long bytes)
            ? bytes
            : throw new UsageException($"--{name} needs a size in bytes, not '{value}'");
}
