using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace RdiffCli.Commands;

/// <summary>
/// Command-line arguments are bytes on Linux, and .NET decodes them as UTF-8, turning each invalid
/// byte into U+FFFD, so a path that is not UTF-8 would be lost. The arguments are therefore read
/// again from /proc/self/cmdline and decoded as Python does with "surrogateescape": a byte that is
/// not part of valid UTF-8 becomes the lone surrogate U+DC80+byte, which no valid text contains,
/// and <see cref="Bytes"/> turns it back into the byte.
/// </summary>
internal static class OsArguments
{
    private const char EscapeBase = '\uDC00';

    /// <summary>The arguments with every byte kept; <paramref name="decoded"/> when /proc does not agree with them.</summary>
    public static string[] Read(string[] decoded)
    {
        byte[] cmdline;
        try
        {
            cmdline = File.ReadAllBytes("/proc/self/cmdline");
        }
        catch (IOException)
        {
            return decoded;
        }
        catch (UnauthorizedAccessException)
        {
            return decoded;
        }
        List<byte[]> all = [.. Split(cmdline)];
        if (all.Count < decoded.Length)
        {
            return decoded;
        }
        // The program (and under `dotnet`, the host and its dll) come first; the arguments are the last ones.
        string[] exact = [.. all.Skip(all.Count - decoded.Length).Select(Decode)];
        for (int i = 0; i < exact.Length; i++)
        {
            if (Encoding.UTF8.GetString(Bytes(exact[i])) != decoded[i])
            {
                return decoded;
            }
        }
        return exact;
    }

    /// <summary>
    /// A location argument as a local path: split as rdiff-backup splits HOST::PATH, with its "\:"
    /// and "\\" escapes undone. A location on another machine is refused, so that no directory
    /// named "host::path" is ever made in its place.
    /// </summary>
    public static byte[] LocalPath(string argument)
    {
        RdiffCore.Remote.Location location = RdiffCore.Remote.Location.Parse(Bytes(argument));
        if (location.IsRemote)
        {
            throw new RdiffCore.RdiffException(
                $"'{argument}' names a location on another machine, which this version of rdiffsharp cannot reach yet; nothing was done: run it on that machine, or write '\\::' for a local name that holds '::'");
        }
        return location.Path;
    }

    /// <summary>The bytes an argument stood for: UTF-8, with each escaped byte restored.</summary>
    public static byte[] Bytes(string argument)
    {
        if (!argument.Any(IsEscape))
        {
            return Encoding.UTF8.GetBytes(argument);
        }
        var bytes = new List<byte>(argument.Length);
        int start = 0;
        for (int i = 0; i <= argument.Length; i++)
        {
            if (i == argument.Length || IsEscape(argument[i]))
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(argument[start..i]));
                if (i < argument.Length)
                {
                    bytes.Add((byte)(argument[i] - EscapeBase));
                }
                start = i + 1;
            }
        }
        return [.. bytes];
    }

    /// <summary>UTF-8 where it is valid; every other byte as U+DC80..U+DCFF.</summary>
    public static string Decode(byte[] bytes)
    {
        var text = new StringBuilder(bytes.Length);
        ReadOnlySpan<byte> rest = bytes;
        var strict = new UTF8Encoding(false, true);
        while (!rest.IsEmpty)
        {
            int valid = ValidPrefix(rest);
            text.Append(strict.GetString(rest[..valid]));
            rest = rest[valid..];
            if (!rest.IsEmpty)
            {
                text.Append((char)(EscapeBase + rest[0]));
                rest = rest[1..];
            }
        }
        return text.ToString();
    }

    private static bool IsEscape(char c) => c is >= '\uDC80' and <= '\uDCFF';

    // How many leading bytes are whole, valid UTF-8 sequences.
    private static int ValidPrefix(ReadOnlySpan<byte> bytes) =>
        Utf8.ToUtf16(bytes, new char[bytes.Length], out int read, out _, replaceInvalidSequences: false) == OperationStatus.Done
            ? bytes.Length
            : read;

    private static IEnumerable<byte[]> Split(byte[] cmdline)
    {
        int start = 0;
        for (int i = 0; i < cmdline.Length; i++)
        {
            if (cmdline[i] == 0)
            {
                yield return cmdline[start..i];
                start = i + 1;
            }
        }
        if (start < cmdline.Length)
        {
            yield return cmdline[start..];
        }
    }
}
