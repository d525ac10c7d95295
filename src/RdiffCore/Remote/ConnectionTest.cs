using RdiffCore.Remote.Wire;

namespace RdiffCore.Remote;

/// <summary>`rdiffsharp test HOST::PATH`: starts the server, shakes hands, and asks it whether it can serve PATH.</summary>
public static class ConnectionTest
{
    /// <summary>The far side's version; throws with the reason when the server cannot be reached or refuses the path.</summary>
    public static string Run(Location location, string command)
    {
        using RemoteConnection connection = RemoteConnection.Open(command, location.Host!);
        byte[] answer = connection.Call(new MessageWriter().Number((ulong)CallKind.Probe).Bytes(location.Path));
        var reader = new MessageReader(answer, connection.Peer);
        string version = reader.Text();
        reader.End();
        return version;
    }
}
