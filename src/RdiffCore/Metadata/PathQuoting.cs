using System.Buffers;
using System.Text;
using RdiffCore.Model;

namespace RdiffCore.Metadata;

/// <summary>
/// rdiff-backup's quote_path, used for the File and SymData values of mirror_metadata and for
/// file_statistics names: a newline byte becomes the two bytes "\n" and a backslash becomes "\\";
/// every other byte (spaces, UTF-8, invalid UTF-8) stays as it is, so a record stays on its line.
/// </summary>
internal static class PathQuoting
{
    private static readonly SearchValues<byte> s_special = SearchValues.Create("\n\\"u8);

    public static byte[] Quote(ReadOnlySpan<byte> raw)
    {
        var quoted = new byte[raw.Length + raw.Count((byte)'\n') + raw.Count((byte)'\\')];
        QuoteInto(raw, quoted);
        return quoted;
    }

    public static void QuoteTo(ReadOnlySpan<byte> raw, OutputBuffer output)
    {
        if (!raw.ContainsAny(s_special))
        {
            output.Append(raw);
            return;
        }
        int length = raw.Length + raw.Count((byte)'\n') + raw.Count((byte)'\\');
        QuoteInto(raw, output.GetSpan(length));
        output.Advance(length);
    }

    private static void QuoteInto(ReadOnlySpan<byte> raw, Span<byte> target)
    {
        int at = 0;
        while (true)
        {
            int special = raw.IndexOfAny(s_special);
            if (special < 0)
            {
                raw.CopyTo(target[at..]);
                return;
            }
            raw[..special].CopyTo(target[at..]);
            at += special;
            target[at] = (byte)'\\';
            target[at + 1] = raw[special] == (byte)'\n' ? (byte)'n' : (byte)'\\';
            at += 2;
            raw = raw[(special + 1)..];
        }
    }

    /// <summary>
    /// Undoes <see cref="Quote"/>. Like rdiff-backup, a backslash that starts neither "\n" nor
    /// "\\" is kept as it is (hand-edited or foreign files).
    /// </summary>
    public static byte[] Unquote(ReadOnlySpan<byte> quoted)
    {
        int backslash = quoted.IndexOf((byte)'\\');
        if (backslash < 0)
        {
            return quoted.ToArray();
        }
        var result = new byte[quoted.Length];
        quoted[..backslash].CopyTo(result);
        int length = backslash;
        for (int i = backslash; i < quoted.Length; i++)
        {
            byte b = quoted[i];
            if (b == (byte)'\\' && i + 1 < quoted.Length && quoted[i + 1] is (byte)'n' or (byte)'\\')
            {
                result[length++] = quoted[i + 1] == (byte)'n' ? (byte)'\n' : (byte)'\\';
                i++;
            }
            else
            {
                result[length++] = b;
            }
        }
        return result[..length];
    }

    /// <summary>A path for a one-line message: as the metadata files show it, "." for the root.</summary>
    public static string Display(RelPath path) => path.IsRoot ? "." : Encoding.UTF8.GetString(Quote(path.Bytes));
}
