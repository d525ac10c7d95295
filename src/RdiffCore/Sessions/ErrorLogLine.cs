using System.Text;
using RdiffCore.Model;

namespace RdiffCore.Sessions;

/// <summary>One error_log line (§1.13): "Type: 'path' message", newlines in the message as spaces.</summary>
internal static class ErrorLogLine
{
    public static string Format(string type, RelPath path, string message)
    {
        var shown = new StringBuilder();
        foreach (Rune rune in Encoding.UTF8.GetString(path.Bytes).EnumerateRunes())
        {
            shown.Append(rune.Value == 0xFFFD ? "\\x??" : rune.ToString());
        }
        return $"{type}: '{(path.IsRoot ? "." : shown.ToString())}' {message.Replace('\n', ' ')}";
    }
}
