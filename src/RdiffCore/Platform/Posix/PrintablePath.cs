using System.Buffers;
using System.Globalization;
using System.Text;

namespace RdiffCore.Platform.Posix;

/// <summary>
/// Turns path bytes into text for messages: valid UTF-8 stays as it is, every byte that is not part
/// of valid UTF-8 becomes <c>\xNN</c>. Control characters (newline included) are escaped the same
/// way so that a message about any name stays on one line.
/// </summary>
internal static class PrintablePath
{
    public static string From(ReadOnlySpan<byte> path)
    {
        var text = new StringBuilder(path.Length);
        while (!path.IsEmpty)
        {
            OperationStatus status = Rune.DecodeFromUtf8(path, out Rune rune, out int consumed);
            if (status == OperationStatus.Done && !Rune.IsControl(rune))
            {
                text.Append(rune.ToString());
            }
            else
            {
                for (int i = 0; i < consumed; i++)
                {
                    text.Append(CultureInfo.InvariantCulture, $"\\x{path[i]:X2}");
                }
            }
            path = path[consumed..];
        }
        return text.ToString();
    }
}
