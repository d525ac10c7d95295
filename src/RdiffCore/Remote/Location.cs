using System.Text;

namespace RdiffCore.Remote;

/// <summary>
/// A location as rdiff-backup's command line writes it, <c>[[USER@]HOST::]PATH</c>: the host part
/// (passed to the remote schema as it is written) and the path, both as bytes. The first "::" that no
/// backslash escapes separates them; "\:" stands for ":" and "\\" for "\" in either part.
/// </summary>
public sealed record Location(byte[]? Host, byte[] Path)
{
    /// <summary>Whether the location names another machine.</summary>
    public bool IsRemote => Host is not null;

    /// <summary>Splits <paramref name="text"/> as rdiff-backup 2.2 does.</summary>
    /// <exception cref="UsageException">More than one separator, or an empty host or path beside one.</exception>
    public static Location Parse(byte[] text)
    {
        var separators = new List<int>();
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] == (byte)'\\')
            {
                // The next byte is escaped, whatever it is.
                i++;
            }
            else if (text[i] == (byte)':' && i + 1 < text.Length && text[i + 1] == (byte)':')
            {
                separators.Add(i);
                i++;
            }
        }
        string shown = Encoding.UTF8.GetString(text);
        if (separators.Count > 1)
        {
            throw new UsageException($"too many parts separated by '::' in '{shown}'; write a colon of a name as '\\:'");
        }
        if (separators.Count == 0)
        {
            return new Location(null, Unescape(text));
        }
        int at = separators[0];
        if (at == 0)
        {
            throw new UsageException($"no host in location '{shown}' starting with '::'; write HOST::PATH, or '\\::' for a local name");
        }
        if (at + 2 == text.Length)
        {
            throw new UsageException($"no path in location '{shown}' ending with '::'; write HOST::PATH");
        }
        return new Location(Unescape(text.AsSpan(0, at)), Unescape(text.AsSpan(at + 2)));
    }

    /// <summary>"\\" becomes "\" and "\:" becomes ":"; any other backslash stays.</summary>
    private static byte[] Unescape(ReadOnlySpan<byte> part)
    {
        var result = new List<byte>(part.Length);
        for (int i = 0; i < part.Length; i++)
        {
            if (part[i] == (byte)'\\' && i + 1 < part.Length && part[i + 1] is (byte)'\\' or (byte)':')
            {
                i++;
            }
            result.Add(part[i]);
        }
        return [.. result];
    }
}
