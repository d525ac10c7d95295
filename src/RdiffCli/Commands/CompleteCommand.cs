using System.Globalization;
using RdiffCore;

namespace RdiffCli.Commands;

/// <summary>
/// `rdiffsharp complete --cword N -- WORDS...`: the shell completion hook of rdiff-backup 2.2, with
/// its answers: the options and actions that may stand at word N, one a line, sorted by their
/// letters; the choices of the option before it; "::file::" where a location may stand. The
/// candidates come from <see cref="OptionTable"/>, the parser's own knowledge.
/// </summary>
internal static class CompleteCommand
{
    private const string FileMarker = "::file::";

    public static int Run(ParsedArguments args, TextWriter output, TextWriter error)
    {
        string[] words = [.. args.Locations];
        int cword = CursorWord(args.Value("cword"));
        // Python's indexing, which rdiff-backup's hook uses: -1 is the last word.
        int at = cword < 0 ? cword + words.Length : cword;
        if (words.Length == 0 || at < 0 || at >= words.Length)
        {
            error.WriteLine(words.Length == 0
                ? "rdiffsharp: complete needs the words of the command line after '--', the program name first"
                : $"rdiffsharp: complete --cword {cword} is not the index of one of the {words.Length} words given");
            return ExitCodes.Fatal;
        }
        if (Candidates(words, at, args.Switch("unique", true)) is not { } candidates)
        {
            error.WriteLine("rdiffsharp: complete: the words mix options of the 1.x and the 2.x command line; keep to one style");
            return ExitCodes.Fatal;
        }
        foreach (string candidate in candidates)
        {
            output.WriteLine(candidate);
        }
        return ExitCodes.Success;
    }

    private static int CursorWord(string? value) =>
        value is null ? -1
        : int.TryParse(value, NumberStyles.AllowLeadingSign | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite, CultureInfo.InvariantCulture, out int n) ? n
        : throw new UsageException($"complete --cword needs a whole number, not '{value}'");

    /// <summary>The answer for word <paramref name="at"/>; null when the words mix the two styles.</summary>
    private static IEnumerable<string>? Candidates(string[] words, int at, bool unique)
    {
        OptionScope top = OptionTable.Global;
        OptionScope compat = OptionTable.Compat;
        IReadOnlyList<OptionScope> actions = OptionTable.Actions;
        if (words.Length == 2)
        {
            // The first word after the program: either style.
            return Match([.. compat.Options, .. top.Options], actions, compat.Locations, words, at, unique);
        }
        bool isNew = false;
        bool isOld = false;
        for (int i = 0; i < words.Length; i++)
        {
            string word = words[i];
            if (OptionTable.Action(word) is OptionScope action)
            {
                return at == i ? [word]
                    : at > i ? InAction(action, words[i..], at - i, unique)
                    : Match(top.Options, actions, top.Locations, words, at, unique);
            }
            bool inNew = top.Exact(word) is not null;
            bool inOld = compat.Exact(word) is not null;
            isNew |= word == "--new" || word.StartsWith('@') || (inNew && !inOld);
            isOld |= word == "--no-new" || (inOld && !inNew);
        }
        return isNew && isOld ? null
            : isOld ? Match(compat.Options, [], compat.Locations, words, at, unique)
            : isNew ? Match(top.Options, actions, top.Locations, words, at, unique)
            : Match([.. compat.Options, .. top.Options], actions, compat.Locations, words, at, unique);
    }

    /// <summary>Within an action: <paramref name="words"/> starts with its name; an entity (list files) is a level of its own.</summary>
    private static IEnumerable<string> InAction(OptionScope scope, string[] words, int at, bool unique)
    {
        List<OptionScope> entities = [.. scope.Entities];
        if (words.Length > 2)
        {
            for (int i = 0; i < words.Length; i++)
            {
                if (entities.Find(e => EntityWord(e) == words[i]) is OptionScope entity)
                {
                    if (at == i)
                    {
                        return [words[i]];
                    }
                    if (at > i)
                    {
                        return InAction(entity, words[i..], at - i, unique);
                    }
                    break;
                }
            }
        }
        return Match(scope.Options, entities, scope.Locations, words, at, unique);
    }

    private static IEnumerable<string> Match(IReadOnlyList<OptionSpec> options, IReadOnlyList<OptionScope> actions, int? locations, string[] words, int at, bool unique)
    {
        string word = words[at];
        string previous = words[at == 0 ? words.Length - 1 : at - 1];
        if (options.FirstOrDefault(o => o.Names.Contains(previous)) is OptionSpec before)
        {
            switch (before.Completion)
            {
                case ValueCompletion.Choices:
                    return before.Choices;
                case ValueCompletion.File:
                    return [FileMarker];
                case ValueCompletion.Nothing:
                    return [];
            }
        }
        IEnumerable<string> names = options.SelectMany(o => o.Names).Concat(actions.Select(EntityWord)).Distinct();
        bool matched = false;
        if (word.Length > 0)
        {
            names = [.. names.Where(n => n.StartsWith(word, StringComparison.Ordinal))];
            matched = names.Any();
        }
        if (unique)
        {
            names = names.Where(n => n == word || !words.Contains(n));
        }
        List<string> sorted = [.. names.OrderBy(n => n.Replace("-", "", StringComparison.Ordinal), StringComparer.Ordinal).ThenBy(n => n, StringComparer.Ordinal)];
        if (!matched && locations is int count && (count == 0 || at >= words.Length - count))
        {
            sorted.Add(FileMarker);
        }
        return sorted;
    }

    // "list files" is offered as "files" after "list".
    private static string EntityWord(OptionScope scope) => scope.Name[(scope.Name.LastIndexOf(' ') + 1)..];
}
