using System.Globalization;
using System.Text;

namespace RdiffCore.History;

/// <summary>
/// PyYAML's line folding: past column 80 (its default width) a scalar continues on a new line
/// indented to its block. A plain or single-quoted scalar breaks at a single space (which the
/// reader folds back into one), a double-quoted one anywhere with an escaped line break.
/// </summary>
public static partial class YamlScalar
{
    private const int BestWidth = 80;

    /// <summary>
    /// <paramref name="value"/> as safe_dump writes a mapping value whose key's colon ends at
    /// <paramref name="column"/>, with continuation lines indented by <paramref name="indent"/>;
    /// the result starts with the space after the colon.
    /// </summary>
    public static string FormatValue(string value, int column, int indent)
    {
        string style = Format(value);
        int[] text = [.. value.EnumerateRunes().Select(r => r.Value)];
        var output = new Writer(column, indent);
        if (style[0] == '"' && style != value)
        {
            output.DoubleQuoted(text);
        }
        else if (style[0] == '\'' && style != value)
        {
            output.SingleQuoted(text);
        }
        else
        {
            output.Plain(text);
        }
        return output.ToString();
    }

    // A port of the write_plain, write_single_quoted and write_double_quoted loops of PyYAML's
    // emitter, with its column kept in code points.
    private sealed class Writer(int column, int indent)
    {
        private readonly StringBuilder _text = new();
        private int _column = column;

        public override string ToString() => _text.ToString();

        public void Plain(int[] text)
        {
            Write(" ");
            Folded(text, quoted: false);
        }

        public void SingleQuoted(int[] text)
        {
            Write(" '");
            Folded(text, quoted: true);
            Write("'");
        }

        public void DoubleQuoted(int[] text)
        {
            Write(" \"");
            int start = 0;
            for (int end = 0; end <= text.Length; end++)
            {
                int? ch = end < text.Length ? text[end] : null;
                if (ch is not int c || c is '"' or '\\' or 0x85 or 0x2028 or 0x2029 or 0xFEFF || c is < 0x20 or > 0x7E)
                {
                    Write(text, start, end);
                    if (ch is int escaped)
                    {
                        Write(Escape(escaped));
                        start = end + 1;
                    }
                    else
                    {
                        start = end;
                    }
                }
                if (end > 0 && end < text.Length - 1 && (ch == ' ' || start >= end) && _column + (end - start) > BestWidth)
                {
                    Write(text, start, end);
                    Write("\\");
                    start = Math.Max(start, end);
                    Indent();
                    if (text[start] == ' ')
                    {
                        Write("\\");
                    }
                }
            }
            Write("\"");
        }

        // Plain and single-quoted: a lone space past the width becomes a line break (never the
        // first or last character of a quoted scalar); a quote inside single quotes is doubled.
        private void Folded(int[] text, bool quoted)
        {
            bool spaces = false;
            int start = 0;
            for (int end = 0; end <= text.Length; end++)
            {
                int? ch = end < text.Length ? text[end] : null;
                if (spaces)
                {
                    if (ch != ' ')
                    {
                        if (start + 1 == end && _column > BestWidth && (!quoted || (start != 0 && end != text.Length)))
                        {
                            Indent();
                        }
                        else
                        {
                            Write(text, start, end);
                        }
                        start = end;
                    }
                }
                else if (ch is null or ' ' || (quoted && ch == '\''))
                {
                    Write(text, start, end);
                    start = end;
                }
                if (quoted && ch == '\'')
                {
                    Write("''");
                    start = end + 1;
                }
                spaces = ch == ' ';
            }
        }

        private void Indent()
        {
            _text.Append('\n').Append(' ', indent);
            _column = indent;
        }

        private void Write(int[] text, int start, int end)
        {
            for (int i = start; i < end; i++)
            {
                _text.Append(char.ConvertFromUtf32(text[i]));
            }
            _column += Math.Max(0, end - start);
        }

        private void Write(string data)
        {
            _text.Append(data);
            _column += data.Length;
        }
    }
}
