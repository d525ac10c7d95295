using System.Text;
using RdiffCore.Remote.Wire;

namespace RdiffCore.Remote;

/// <summary>The client's side of RunAction: the far side runs the action on its repository; its output is written here as it comes.</summary>
public static class RemoteAction
{
    /// <summary>Runs <paramref name="action"/> on the repository at <paramref name="location"/>; returns the far side's exit code.</summary>
    /// <param name="action">One of <see cref="ActionRequest.Reading"/> or <see cref="ActionRequest.Writing"/>.</param>
    /// <param name="options">The action's options, each allowed by <see cref="ActionRequest.Options"/>.</param>
    /// <param name="location">The repository (or a path in it) on the far side.</param>
    /// <param name="command">The remote schema, filled.</param>
    /// <param name="output">Hears the action's standard output.</param>
    /// <param name="error">Hears its standard error.</param>
    public static int Run(string action, IReadOnlyList<(string Name, byte[]? Value)> options, Location location, string command, TextWriter output, TextWriter error)
    {
        using RemoteConnection connection = RemoteConnection.Open(command, location.Host!);
        using Channel channel = connection.Link.Open(ActionRequest.Write(action, options, location.Path).Payload);
        while (true)
        {
            Frame frame = channel.Next();
            if (frame.Kind == FrameKind.Message)
            {
                var answer = new MessageReader(frame.Payload.Span, connection.Peer);
                ulong code = answer.Number();
                answer.End();
                output.Flush();
                return code <= 255 ? (int)code : throw new ProtocolException($"{connection.Peer} sent exit code {code}; the connection was closed");
            }
            ReadOnlySpan<byte> payload = frame.Kind == FrameKind.Data && frame.Payload.Length > 0
                ? frame.Payload.Span
                : throw new ProtocolException($"{connection.Peer} sent a {frame.Kind} frame where an action's output was due; the connection was closed");
            string text = Encoding.UTF8.GetString(payload[1..]);
            switch (payload[0])
            {
                case ActionRequest.Output:
                    output.Write(text);
                    break;
                case ActionRequest.Error:
                    error.Write(text);
                    break;
                default:
                    throw new ProtocolException($"{connection.Peer} sent output of an unknown stream; the connection was closed");
            }
        }
    }
}
