using System.Diagnostics;
using System.Text;
using RdiffCore.Remote.Wire;

namespace RdiffCore.Remote;

/// <summary>
/// The client's end of one connection: the remote schema run under /bin/sh (as rdiff-backup runs
/// it), its standard error passed through to ours, and the handshake done before anything else.
/// </summary>
internal sealed class RemoteConnection : IDisposable
{
    private static readonly TimeSpan AnswerWithin = TimeSpan.FromSeconds(60);
    private readonly Process? _process;
    private readonly Stream _toServer;
    private readonly FrameReader _reader;
    private readonly FrameWriter _writer;
    private uint _nextChannel = 1;

    private RemoteConnection(Process? process, Stream fromServer, Stream toServer, string command, string peer)
    {
        _process = process;
        _toServer = toServer;
        Command = command;
        Peer = peer;
        _reader = new FrameReader(fromServer, peer);
        _writer = new FrameWriter(toServer);
    }

    /// <summary>The command that was run, for messages.</summary>
    public string Command { get; }

    /// <summary>"the server on HOST", for messages.</summary>
    public string Peer { get; }

    /// <summary>Starts <paramref name="command"/> and shakes hands with the server it runs.</summary>
    public static RemoteConnection Open(string command, byte[] host, TimeSpan? answerWithin = null)
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
            $"the server on {Encoding.UTF8.GetString(host)}"), answerWithin ?? AnswerWithin);
    }

    /// <summary>A connection over pipes already open to a server (a server in this process, for tests).</summary>
    public static RemoteConnection Over(Stream fromServer, Stream toServer, string peer) =>
        Shake(new RemoteConnection(null, fromServer, toServer, peer, peer), AnswerWithin);

    private static RemoteConnection Shake(RemoteConnection connection, TimeSpan answerWithin)
    {
        try
        {
            Handshake.Offer(connection._reader.Input, connection._toServer, connection.Command, answerWithin);
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
        Frame frame = Answer(Send(request));
        return frame.Kind == FrameKind.Message
            ? frame.Payload.ToArray()
            : throw new ProtocolException($"{Peer} answered with a {frame.Kind} frame where a message was due; the connection was closed");
    }

    /// <summary>
    /// Sends one request whose answer is a stream, and yields its data frames up to the end frame
    /// (for a walk or a file); an error frame on the way ends it with the server's reason.
    /// </summary>
    public IEnumerable<Frame> Stream(MessageWriter request)
    {
        uint channel = Send(request);
        while (true)
        {
            Frame frame = Answer(channel);
            switch (frame.Kind)
            {
                case FrameKind.Data:
                    yield return frame;
                    break;
                case FrameKind.End:
                    yield break;
                default:
                    throw new ProtocolException($"{Peer} sent a {frame.Kind} frame inside a stream; the connection was closed");
            }
        }
    }

    /// <summary>Sends <paramref name="request"/> on a new channel, which it returns.</summary>
    private uint Send(MessageWriter request)
    {
        uint channel = _nextChannel++;
        try
        {
            _writer.Write(FrameKind.Message, channel, request.Payload);
            _writer.Flush();
        }
        catch (IOException e)
        {
            throw Dropped(e);
        }
        return channel;
    }

    /// <summary>The next frame, which must belong to <paramref name="channel"/>; an error frame is the server's refusal.</summary>
    private Frame Answer(uint channel)
    {
        Frame frame = _reader.Read() ?? throw Dropped(null);
        if (frame.Channel != channel)
        {
            throw new ProtocolException($"{Peer} answered on channel {frame.Channel} where {channel} was asked; the connection was closed");
        }
        return frame.Kind == FrameKind.Error
            ? throw new RdiffException($"{Peer}: {Encoding.UTF8.GetString(frame.Payload.Span)}")
            : frame;
    }

    /// <summary>Hangs up: the server sees the end of its input and exits; a server that does not is killed.</summary>
    public void Dispose()
    {
        try
        {
            _toServer.Close();
        }
        catch (IOException)
        {
            // Gone already.
        }
        if (_process is not null && !_process.WaitForExit(TimeSpan.FromSeconds(10)))
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
        _reader.Dispose();
        _writer.Dispose();
        _process?.Dispose();
    }

    private ProtocolException Dropped(Exception? cause)
    {
        string message = $"the connection to {Peer} was lost ('{Command}' ended); its messages, if any, are above";
        return cause is null ? new ProtocolException(message) : new ProtocolException(message, cause);
    }
}
