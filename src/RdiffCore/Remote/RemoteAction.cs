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
        var answer = new MessageReader(channel.Answer(data => channel.TwoStreams(data, output.Write, error.Write)), connection.Peer);
        ulong code = answer.Number();
        answer.End();
        output.Flush();
        return code <= 255 ? (int)code : throw new ProtocolException($"{connection.Peer} sent exit code {code}; the connection was closed");
    }
}
