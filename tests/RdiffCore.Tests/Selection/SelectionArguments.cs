using System.Globalization;
using System.Text;
using RdiffCore.Selection;

namespace RdiffCore.Tests.Selection;

/// <summary>rdiff-backup's selection options, read the way its command line reads them, so that one table feeds both.</summary>
internal static class SelectionArguments
{
    public static (List<SelectionRule> Rules, bool NullSeparator) Parse(IReadOnlyList<string> arguments, byte[]? standardInput = null)
    {
        var rules = new List<SelectionRule>();
        bool nullSeparator = false;
        for (int i = 0; i < arguments.Count; i++)
        {
            string option = arguments[i];
            if (option == "--null-separator")
            {
                nullSeparator = true;
                continue;
            }
            if (option is "--max-file-size" or "--min-file-size")
            {
                SelectionRuleKind kind = option == "--max-file-size" ? SelectionRuleKind.MaxFileSize : SelectionRuleKind.MinFileSize;
                rules.Add(new SelectionRule(kind, false) { Size = long.Parse(arguments[++i], CultureInfo.InvariantCulture) });
                continue;
            }
            bool include = option.StartsWith("--include", StringComparison.Ordinal);
            string form = option[(include ? "--include" : "--exclude").Length..];
            SelectionRule rule = form switch
            {
                "" => new(SelectionRuleKind.Glob, include, Bytes(arguments[++i])),
                "-regexp" => new(SelectionRuleKind.Regexp, include, Bytes(arguments[++i])),
                "-filelist" => new(SelectionRuleKind.Filelist, include, Bytes(arguments[++i])),
                "-globbing-filelist" => new(SelectionRuleKind.GlobbingFilelist, include, Bytes(arguments[++i])),
                "-filelist-stdin" => new(SelectionRuleKind.Filelist, include) { Content = standardInput },
                "-globbing-filelist-stdin" => new(SelectionRuleKind.GlobbingFilelist, include) { Content = standardInput },
                "-if-present" => new(SelectionRuleKind.IfPresent, include, Bytes(arguments[++i])),
                "-device-files" => new(SelectionRuleKind.DeviceFiles, include),
                "-fifos" => new(SelectionRuleKind.Fifos, include),
                "-sockets" => new(SelectionRuleKind.Sockets, include),
                "-symbolic-links" => new(SelectionRuleKind.SymbolicLinks, include),
                "-special-files" => new(SelectionRuleKind.SpecialFiles, include),
                "-other-filesystems" => new(SelectionRuleKind.OtherFilesystems, include),
                "-caches" => new(SelectionRuleKind.Caches, include),
                _ => throw new ArgumentException($"not a selection option: {option}", nameof(arguments)),
            };
            rules.Add(rule);
        }
        return (rules, nullSeparator);
    }

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);
}
