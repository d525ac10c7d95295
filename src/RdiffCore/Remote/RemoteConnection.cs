using System.Diagnostics;
using System.Text;
using RdiffCore.Remote.Wire;

namespace RdiffCore.Remote;

/// <summary>
/// The client's end of one connection: the remote schema run under /bin/sh (as rdiff-backup runs
/// it), its standard error passed through to ours, the handshake done before anything else, then
/// a <see cref="Remote.Link"/> on which this side opens calls and, for a push, serves the server's.
/// </summary>
internal sealed class RemoteConnection : IDisposable
{
    private static readonly TimeSpan AnswerWithin = TimeSpan.FromSeconds(60);
    private readonly Process? _process;
    private readonly Stream _toServer;
    private readonly FrameReader _reader;
    private Link? _link;

    private RemoteConnection(Process? process, Stream fromServer, Stream toServer, string command, string peer)
    {
        _process = process;
        _toServer = toServer;
        Command = command;
        Peer = peer;
        _reader = new FrameReader(fromServer, peer);
    }

    /// <summary>The command that was run, for messages.</summary>
    public string Command { get; }

    /// <summary>"the server on HOST", for messages.</summary>
    public string Peer { get; }

    /// <summary>The calls both ways.</summary>
    public Link Link => _link!;

    /// <summary>Starts <paramref name="command"/> and shakes hands with the server it runs.</summary>
    /// <param name="command">The remote schema, filled.</param>
    /// <param name="host">The host part of the location, for messages.</param>
    /// <param name="answerWithin">How long the handshake may take.</param>
    /// <param name="onCall">Serves the calls the server opens (a push serves its source); null: none are served.</param>
    public static RemoteConnection Open(string command, byte[] host, TimeSpan? answerWithin = null, Action<Channel, ReadOnlyMemory<byte>>? onCall = null)
    {
        var start = new ProcessStartInfo("/bin/sh", ["-c", command])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or IOException)
        {
            throw new RdiffException($"cannot run '{command}': {e.Message}", e);
        }
        return Shake(new RemoteConnection(process, process.StandardOutput.BaseStream, process.StandardInput.BaseStream, command,
            $"the server on {Encoding.UTF8.GetString(host)}"), answerWithin ?? AnswerWithin, onCall);
    }

    /// <summary>A connection over pipes already open to a server (a server in this process, for tests).</summary>
    public static RemoteConnection Over(Stream fromServer, Stream toServer, string peer, Action<Channel, ReadOnlyMemory<byte>>? onCall = null) =>
        Shake(new RemoteConnection(null, fromServer, toServer, peer, peer), AnswerWithin, onCall);

    private static RemoteConnection Shake(RemoteConnection connection, TimeSpan answerWithin, Action<Channel, ReadOnlyMemory<byte>>? onCall)
    {
        try
        {
            Handshake.Offer(connection._reader.Input, connection._toServer, connection.Command, answerWithin);
            connection._link = new Link(connection._reader, connection._toServer, connection.Peer, client: true,
                onCall ?? Refuse, connection.Dropped);
            connection._link.Start();
        }
        catch
        {
            connection.Dispose();
            throw;
        }
        return connection;
    }

    /// <summary>Sends one request and waits for its answer (for calls made once per session).</summary>
    /// <exception cref="RdiffException">The server refused the call; its message says why.</exception>
    public byte[] Call(MessageWriter request)
    {
        using Channel channel = Link.Open(request.Payload);
        return channel.Answer();
    }

    /// <summary>
    /// Sends one request whose answer is a stream, and yields its data frames up to the end frame
    /// (for a walk); an error frame on the way ends it with the server's reason.
    /// </summary>
    public IEnumerable<ReadOnlyMemory<byte>> Stream(MessageWriter request)
    {
        using Channel channel = Link.Open(request.Payload);
        foreach (ReadOnlyMemory<byte> data in channel.Stream())
        {
            yield return data;
        }
    }

    /// <summary>Hangs up: the server sees the end of its input and exits; a server that does not is killed.</summary>
    public void Dispose()
    {
        if (_link is not null)
        {
            _link.CloseOutput();
        }
        else
        {
            try
            {
                _toServer.Close();
            }
            catch (IOException)
            {
                // Gone already.
            }
        }
        if (_process is not null && !_process.WaitForExit(TimeSpan.FromSeconds(10)))
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
        _link?.Dispose();
        _reader.Dispose();
        _process?.Dispose();
    }

    private static void Refuse(Channel channel, ReadOnlyMemory<byte> request)
    {
        channel.Fail("this client serves no calls");
        channel.Dispose();
    }

    private ProtocolException Dropped(Exception? cause)
    {
        string message = $"the connection to {Peer} was lost ('{Command}' ended); its messages, if any, are above";
        return cause is null ? new ProtocolException(message) : new ProtocolException(message, cause);
    }
}
