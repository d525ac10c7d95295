using System.Globalization;
using System.Text;

namespace RdiffCore.Platform.Posix;

/// <summary>
/// An OS error worded as rdiff-backup logs it, which is Python's: the error number, the C library's
/// description and the file name as a bytes repr, so that the exact bytes of any name survive.
/// </summary>
internal static class PythonOsError
{
    /// <summary>The message of <paramref name="error"/>, naming the path it was raised for.</summary>
    public static string Message(PosixException error) => Message((int)error.Errno, PosixException.Describe(error.Errno), error.Path);

    /// <summary>
    /// str() of Python's OSError with a file name, as rdiff-backup logs it:
    /// <c>[Errno 13] Permission denied: b'dir/name'</c>.
    /// </summary>
    public static string Message(int errno, string description, ReadOnlySpan<byte> fileName) =>
        string.Create(CultureInfo.InvariantCulture, $"[Errno {errno}] {description}: {BytesRepr(fileName)}");

    /// <summary>Python's repr of bytes: b'…' (or b"…" when only that avoids escaping a quote), with \t \n \r \\ and \xNN escapes.</summary>
    public static string BytesRepr(ReadOnlySpan<byte> bytes)
    {
        char quote = bytes.Contains((byte)'\'') && !bytes.Contains((byte)'"') ? '"' : '\'';
        var text = new StringBuilder("b").Append(quote);
        foreach (byte b in bytes)
        {
            if (b == quote || b == '\\')
            {
                text.Append('\\').Append((char)b);
            }
            else if (b is (byte)'\t' or (byte)'\n' or (byte)'\r')
            {
                text.Append(b switch { (byte)'\t' => "\\t", (byte)'\n' => "\\n", _ => "\\r" });
            }
            else if (b is < 0x20 or >= 0x7f)
            {
                text.Append(CultureInfo.InvariantCulture, $"\\x{b:x2}");
            }
            else
            {
                text.Append((char)b);
            }
        }
        return text.Append(quote).ToString();
    }
}
