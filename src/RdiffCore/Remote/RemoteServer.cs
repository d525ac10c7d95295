using RdiffCore.Source;
using RdiffCore.Remote.Wire;

namespace RdiffCore.Remote;

/// <summary>
/// `rdiffsharp server`: answers one client on standard input and output until it hangs up. Every
/// request is checked against the restriction before it touches the file system; a request that is
/// refused is answered with an error on its channel and the session goes on.
/// </summary>
public static class RemoteServer
{
    /// <summary>Serves until the client closes the pipe.</summary>
    /// <exception cref="ProtocolException">The client broke the protocol.</exception>
    public static void Serve(Stream input, Stream output, ServerRestriction restriction, string version)
    {
        Handshake.Accept(input, output);
        using var tree = new ServedTree(restriction);
        using var reader = new FrameReader(input, "the client");
        using var writer = new FrameWriter(output);
        while (reader.Read() is Frame frame)
        {
            if (frame.Kind != FrameKind.Message)
            {
                throw new ProtocolException($"the client sent a {frame.Kind} frame on channel {frame.Channel}, which no call of it opened; the connection was closed");
            }
            try
            {
                Answer(frame, tree, version, writer);
            }
            catch (RdiffException e) when (e is not ProtocolException)
            {
                writer.Write(FrameKind.Error, frame.Channel, System.Text.Encoding.UTF8.GetBytes(e.Message));
            }
            writer.Flush();
        }
    }

    private static void Answer(Frame frame, ServedTree tree, string version, FrameWriter writer)
    {
        var message = new MessageReader(frame.Payload.Span, "the client");
        var call = (CallKind)message.Number();
        switch (call)
        {
            case CallKind.Probe:
                byte[] path = tree.Resolve(message.Bytes());
                message.End();
                tree.CheckDirectory(path);
                writer.Write(FrameKind.Message, frame.Channel, new MessageWriter().Text(version).Payload);
                break;
            case CallKind.Walk:
                if (tree.Restriction.Mode == RestrictMode.UpdateOnly)
                {
                    throw new RdiffException("this server is update-only: it receives backups and never sends names or data back");
                }
                byte[] root = tree.Resolve(message.Bytes());
                var options = new SourceOptions(Xattrs: message.Number() == 1, Acls: message.Number() == 1, HardLinks: message.Number() == 1);
                message.End();
                WalkStream.Send(tree.OpenDirectory(root), root, options, frame.Channel, writer);
                break;
            default:
                throw new ProtocolException($"the client asked for call {(ulong)call}, which this server does not know; install the same rdiffsharp version on both sides");
        }
    }
}
