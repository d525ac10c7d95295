using RdiffCore.Model;
using RdiffCore.Remote.Wire;
using RdiffCore.Source;

namespace RdiffCore.Remote;

/// <summary>The client's side of the Walk call: a directory on the far side, walked there, its records streamed here.</summary>
internal static class RemoteWalk
{
    public static IEnumerable<MetadataRecord> Records(RemoteConnection connection, byte[] path, SourceOptions options, Action<string, RelPath, string> error)
    {
        MessageWriter request = new MessageWriter().Number((ulong)CallKind.Walk).Bytes(path)
            .Number(options.Xattrs ? 1UL : 0).Number(options.Acls ? 1UL : 0).Number(options.HardLinks ? 1UL : 0);
        return WalkStream.Receive(connection.Stream(request), connection.Peer, error);
    }
}
