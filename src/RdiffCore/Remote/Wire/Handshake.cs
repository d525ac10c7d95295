using System.Globalization;
using System.Text;

namespace RdiffCore.Remote.Wire;

/// <summary>
/// The first bytes of a connection (protocol.md "Handshake"): the client offers a range of protocol
/// versions, the server picks the newest both know. Whatever else comes back first (a shell banner,
/// "command not found", another program) ends the connection with one line quoting it.
/// </summary>
internal static class Handshake
{
    /// <summary>The first line either side writes.</summary>
    public const string Magic = "RDIFFSHARP-PROTOCOL";

    /// <summary>The protocol versions this build speaks.</summary>
    public const int MinVersion = 1, MaxVersion = 1;

    /// <summary>The longest handshake line read; what is longer is not ours.</summary>
    private const int MaxLine = 200;

    /// <summary>
    /// The client's side: offers its versions and reads the answer within <paramref name="timeout"/>.
    /// <paramref name="command"/> is what was run to reach the server, named in every error.
    /// </summary>
    /// <returns>The version both sides speak.</returns>
    public static int Offer(Stream input, Stream output, string command, TimeSpan timeout)
    {
        try
        {
            output.Write(Encoding.ASCII.GetBytes($"{Magic}\nversions {MinVersion} {MaxVersion}\n"));
            output.Flush();
        }
        catch (IOException)
        {
            // The far side is gone already (a broken pipe); what it printed first says why.
        }
        Task<(string? First, string? Second)> answer = Task.Run(() =>
        {
            string? first = ReadLine(input);
            return (first, first == Magic ? ReadLine(input) : null);
        });
        if (!answer.Wait(timeout))
        {
            throw new ProtocolException($"'{command}' did not answer within {timeout.TotalSeconds:0} seconds; check that it reaches the machine and runs 'rdiffsharp server' there");
        }
        (string? magic, string? reply) = answer.Result;
        if (magic is null)
        {
            throw new ProtocolException($"'{command}' ended without answering (its messages, if any, are above); check the host name, the login and that rdiffsharp is installed there");
        }
        if (magic != Magic)
        {
            throw new ProtocolException($"'{command}' did not answer as rdiffsharp server; it said: '{magic}' (a login banner or shell message must not be printed for a non-interactive login)");
        }
        if (reply is not null && reply.StartsWith("error ", StringComparison.Ordinal))
        {
            throw new ProtocolException($"the rdiffsharp server run by '{command}' refused the connection: {reply[6..]}");
        }
        if (reply is null || !reply.StartsWith("version ", StringComparison.Ordinal)
            || !int.TryParse(reply.AsSpan(8), NumberStyles.None, CultureInfo.InvariantCulture, out int version))
        {
            throw new ProtocolException($"the rdiffsharp server run by '{command}' answered '{reply}' instead of a protocol version; install the same rdiffsharp version on both sides");
        }
        if (version < MinVersion || version > MaxVersion)
        {
            throw new ProtocolException($"the rdiffsharp server run by '{command}' speaks protocol version {version}, this rdiffsharp {MinVersion} to {MaxVersion}; install the same rdiffsharp version on both sides");
        }
        return version;
    }

    /// <summary>The server's side: reads the client's offer and answers with the version chosen, or refuses.</summary>
    /// <returns>The version both sides speak.</returns>
    public static int Accept(Stream input, Stream output)
    {
        string? magic = ReadLine(input);
        string? offer = magic == Magic ? ReadLine(input) : null;
        string[] words = offer?.Split(' ') ?? [];
        if (words.Length != 3 || words[0] != "versions"
            || !int.TryParse(words[1], NumberStyles.None, CultureInfo.InvariantCulture, out int low)
            || !int.TryParse(words[2], NumberStyles.None, CultureInfo.InvariantCulture, out int high))
        {
            throw new ProtocolException("rdiffsharp server expects to be started by rdiffsharp over a pipe (e.g. by ssh); it read something else and stopped");
        }
        int chosen = Math.Min(high, MaxVersion);
        if (chosen < Math.Max(low, MinVersion))
        {
            string refusal = $"no common protocol version: the client speaks {low} to {high}, this server {MinVersion} to {MaxVersion}; install the same rdiffsharp version on both sides";
            output.Write(Encoding.ASCII.GetBytes($"{Magic}\nerror {refusal}\n"));
            output.Flush();
            throw new ProtocolException(refusal);
        }
        output.Write(Encoding.ASCII.GetBytes($"{Magic}\nversion {chosen}\n"));
        output.Flush();
        return chosen;
    }

    /// <summary>One line without its newline, cut at <see cref="MaxLine"/> bytes, shown printable; null at once at the end of the pipe.</summary>
    private static string? ReadLine(Stream input)
    {
        var line = new List<byte>();
        var one = new byte[1];
        while (line.Count < MaxLine)
        {
            if (input.Read(one, 0, 1) == 0)
            {
                return line.Count == 0 ? null : Printable(line);
            }
            if (one[0] == (byte)'\n')
            {
                return Printable(line);
            }
            line.Add(one[0]);
        }
        return Printable(line) + "...";
    }

    private static string Printable(List<byte> line) =>
        new([.. Encoding.UTF8.GetString([.. line]).Select(c => char.IsControl(c) ? '?' : c)]);
}
