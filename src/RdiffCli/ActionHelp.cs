using System.Text;
using RdiffCli.Commands;

namespace RdiffCli;

/// <summary>
/// `rdiffsharp ACTION --help` and `rdiffsharp --new --help`: what one action (or the 2.x command
/// line) takes, written from <see cref="OptionTable"/>, so that it names exactly what the parser
/// accepts. `rdiffsharp --help` is the whole story (<see cref="HelpText"/>).
/// </summary>
internal static class ActionHelp
{
    private const int Column = 34;
    private const int Width = 100;

    /// <summary>The 2.x command line: the global options and the actions.</summary>
    public static string Global()
    {
        var text = new StringBuilder("usage: rdiffsharp [GLOBAL OPTIONS] ACTION [OPTIONS] LOCATION...\n\n");
        text.Append(OptionTable.Global.Description).Append(".\n\nGlobal options (before the action):\n");
        Options(text, OptionTable.Global.Options);
        text.Append("\nActions:\n");
        foreach (OptionScope action in OptionTable.Actions)
        {
            Row(text, action.Name, action.Description);
        }
        text.Append("\nEach action has its own help: rdiffsharp ACTION --help. The 1.x command line and the exit codes: rdiffsharp --help.\n");
        return text.ToString();
    }

    /// <summary>One action, or one of its entities ("list files").</summary>
    public static string For(OptionScope action)
    {
        string arguments = action.Arguments.Length > 0 ? " " + action.Arguments : "";
        var text = new StringBuilder($"usage: rdiffsharp [GLOBAL OPTIONS] {action.Name} [OPTIONS]{arguments}\n\n");
        text.Append(action.Description).Append("\n\nOptions:\n");
        Options(text, action.Options);
        if (action.Entities.Count > 0)
        {
            text.Append(CultureInfo($"\n{Capitalised(action.Name)} what:\n"));
            foreach (OptionScope entity in action.Entities)
            {
                Row(text, entity.Name, entity.Description);
            }
            text.Append(CultureInfo($"\nEach has its own help: rdiffsharp {action.Entities[0].Name} --help.\n"));
        }
        text.Append("\nGlobal options go before the action: rdiffsharp --new --help lists them.\n");
        return text.ToString();
    }

    private static void Options(StringBuilder text, IEnumerable<OptionSpec> options)
    {
        foreach (OptionSpec option in options)
        {
            string names = string.Join(", ", option.Names) + (option.TakesValue ? " " + option.Metavar : "");
            string help = option.Unsupported is null ? option.Help
                : option.UnsupportedNames.Count == 0 ? option.Help + " (not supported)"
                : $"{option.Help} ({string.Join(", ", option.UnsupportedNames)}: not supported)";
            Row(text, names, help);
        }
    }

    // The name in the first column, its text wrapped in the second (on a line of its own after a long name).
    private static void Row(StringBuilder text, string left, string right)
    {
        text.Append("  ").Append(left);
        int used = left.Length + 2;
        if (used > Column - 2)
        {
            text.Append('\n');
            used = 0;
        }
        text.Append(' ', Column - used);
        int width = Width - Column;
        int line = 0;
        foreach (string word in right.Split(' '))
        {
            if (line > 0 && line + 1 + word.Length > width)
            {
                text.Append('\n').Append(' ', Column);
                line = 0;
            }
            else if (line > 0)
            {
                text.Append(' ');
                line++;
            }
            text.Append(word);
            line += word.Length;
        }
        text.Append('\n');
    }

    private static string Capitalised(string word) => char.ToUpperInvariant(word[0]) + word[1..];

    private static string CultureInfo(FormattableString text) => FormattableString.Invariant(text);
}
