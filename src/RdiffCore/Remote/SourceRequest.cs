using RdiffCore.Remote.Wire;
using RdiffCore.Selection;
using RdiffCore.Source;

namespace RdiffCore.Remote;

/// <summary>
/// The OpenSource call's request: the directory, what the walk reads, and the selection rules, with
/// every filelist's content read on the side that asks (a filelist names a file there, not here).
/// </summary>
internal static class SourceRequest
{
    private const int MaxRules = 100_000;

    public static MessageWriter Write(byte[] path, SourceOptions options, IReadOnlyList<SelectionRule> rules, bool nullSeparator)
    {
        var message = new MessageWriter().Number((ulong)CallKind.OpenSource).Bytes(path)
            .Number((options.Xattrs ? 1UL : 0) | (options.Acls ? 2UL : 0) | (options.HardLinks ? 4UL : 0) | (nullSeparator ? 8UL : 0));
        WriteRules(message, rules);
        if (message.Payload.Length > Frame.MaxPayload)
        {
            throw new RdiffException($"the selection rules and filelists take {message.Payload.Length} bytes, more than a remote source accepts ({Frame.MaxPayload}); shorten the filelists");
        }
        return message;
    }

    public static (byte[] Path, SourceOptions Options, List<SelectionRule> Rules, bool NullSeparator) Read(ref MessageReader message)
    {
        byte[] path = message.Bytes().ToArray();
        ulong flags = message.Number();
        List<SelectionRule> rules = ReadRules(ref message);
        message.End();
        return (path, new SourceOptions((flags & 1) != 0, (flags & 2) != 0, (flags & 4) != 0), rules, (flags & 8) != 0);
    }

    /// <summary>The rules, each filelist with its content read here (a filelist names a file on this side).</summary>
    public static void WriteRules(MessageWriter message, IReadOnlyList<SelectionRule> rules)
    {
        message.Number((ulong)rules.Count);
        foreach (SelectionRule rule in rules)
        {
            byte[]? content = rule.Content ?? (rule.Kind is SelectionRuleKind.Filelist or SelectionRuleKind.GlobbingFilelist ? SelectionCompiler.ReadFilelist(rule.Argument!) : null);
            message.Number((ulong)rule.Kind).Number(rule.Include ? 1UL : 0).Number((ulong)rule.Size).Optional(rule.Argument).Optional(content);
        }
    }

    public static List<SelectionRule> ReadRules(ref MessageReader message)
    {
        ulong count = message.Number();
        if (count > MaxRules)
        {
            throw new RdiffException($"{count} selection rules are more than this server takes");
        }
        var rules = new List<SelectionRule>((int)count);
        for (ulong i = 0; i < count; i++)
        {
            ulong kind = message.Number();
            if (!Enum.IsDefined((SelectionRuleKind)kind))
            {
                throw new RdiffException($"selection rule kind {kind} is not known here; install the same rdiffsharp version on both sides");
            }
            bool include = message.Number() == 1;
            long size = (long)Math.Min(message.Number(), long.MaxValue);
            byte[]? argument = message.OptionalBytes();
            byte[]? content = message.OptionalBytes();
            var rule = new SelectionRule((SelectionRuleKind)kind, include, argument) { Size = size, Content = content };
            if (rule.Kind is SelectionRuleKind.Filelist or SelectionRuleKind.GlobbingFilelist && content is null)
            {
                // A filelist is never read from this side's disk on the peer's word.
                throw new RdiffException("a filelist rule came without its content");
            }
            rules.Add(rule);
        }
        return rules;
    }
}
