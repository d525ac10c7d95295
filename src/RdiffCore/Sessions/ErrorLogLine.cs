using System.Globalization;
using System.Text;
using RdiffCore.Model;

namespace RdiffCore.Sessions;

/// <summary>
/// One line of <c>error_log.&lt;T&gt;.data</c> (format.md §1.13):
/// <c>&lt;Type&gt;: '&lt;path&gt;' &lt;message&gt;</c>. rdiff-backup turns the path into text with
/// UTF-8 decoding where invalid bytes become U+FFFD, so only the message can carry exact bytes, and
/// in an OS error's message it does so through Python's bytes repr (<c>b'a\xffb'</c>), which
/// <see cref="Platform.Posix.PythonOsError"/> reproduces.
/// </summary>
internal static class ErrorLogLine
{
    /// <summary>The line without its terminator; every newline, in the path too, becomes a space.</summary>
    public static string Format(string type, RelPath path, string message) => Text(type, path, message).Replace('\n', ' ');

    /// <summary>
    /// The bytes appended to the log: UTF-8, with a lone surrogate written as Python's
    /// backslashreplace does ("\udcff"), ended by '\n'; or, under --null-separator, ended by NUL
    /// with newlines kept.
    /// </summary>
    public static byte[] Encode(string type, RelPath path, string message, bool nullSeparator)
    {
        string line = nullSeparator ? Text(type, path, message) + "\0" : Format(type, path, message) + "\n";
        var text = new StringBuilder(line.Length);
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            bool paired = char.IsHighSurrogate(c) ? i + 1 < line.Length && char.IsLowSurrogate(line[i + 1])
                : !char.IsLowSurrogate(c) || (i > 0 && char.IsHighSurrogate(line[i - 1]));
            if (paired)
            {
                text.Append(c);
            }
            else
            {
                text.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
            }
        }
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static string Text(string type, RelPath path, string message)
    {
        if (type is not ("ListError" or "UpdateError" or "SpecialFileError"))
        {
            throw new ArgumentOutOfRangeException(nameof(type), type, "error_log types are ListError, UpdateError and SpecialFileError");
        }
        return $"{type}: '{path}' {message}";
    }
}
