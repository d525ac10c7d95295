using RdiffCore.Platform.Posix;
using RdiffCore.Restore;
using RdiffCore.Storage;

namespace RdiffCore.Remote;

/// <summary>
/// A restore from a repository on the far side into a target here: the far side reads its
/// repository (records and file data, in order, on one stream); this side writes the target with
/// the same code a local restore uses, its selection, owners mapping and --force rules included.
/// </summary>
public static class RemoteRestore
{
    /// <summary>Restores <see cref="RestoreOptions.Source"/> (a path on the far side) into the local <see cref="RestoreOptions.Target"/>.</summary>
    /// <param name="options">The restore.</param>
    /// <param name="host">The far side's host part, for messages.</param>
    /// <param name="command">The remote schema, filled.</param>
    /// <param name="warn">Hears the warnings of both sides.</param>
    public static RestoreResult Run(RestoreOptions options, byte[] host, string command, Action<string> warn)
    {
        // Mapping files are read first: a bad one must fail before the target is touched.
        var names = new OwnerNames();
        OwnerMap users = OwnerMap.Create(names, users: true, options.PreserveNumericalIds, options.UserMappingFile);
        OwnerMap groups = OwnerMap.Create(names, users: false, options.PreserveNumericalIds, options.GroupMappingFile);
        byte[] target = PosixFs.AbsolutePath(options.Target);
        using RemoteConnection connection = RemoteConnection.Open(command, host);
        using Channel channel = connection.Link.Open(RestoreRequest.Write(options).Payload);
        var receiver = new RestoreReceiver(channel, warn);
        receiver.Start();
        Selection.Selection? selection = RestoreRules.Compile(options, receiver.SubPath, target);
        var attributes = new AttributeApplier(names, users, groups, Environment.IsPrivilegedProcess, options.Xattrs, options.Acls, warn);
        (long entries, int errors, bool overwritten) = RestoreTarget.Write(options, target, selection, receiver.Records(), receiver.SubPath,
            (_, _) => receiver, attributes, warn, warn);
        return new RestoreResult(receiver.Session, entries, errors + receiver.Lost, overwritten);
    }
}
