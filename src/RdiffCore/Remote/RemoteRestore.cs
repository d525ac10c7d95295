using System.Text;
using RdiffCore.Platform.Posix;
using RdiffCore.Remote.Wire;
using RdiffCore.Restore;
using RdiffCore.Storage;

namespace RdiffCore.Remote;

/// <summary>
/// Restores across a connection, in either direction. The repository side reads its repository
/// (records and file data, in order, on one stream, <see cref="RestoreStream"/>); the target side
/// writes the target with the same code a local restore uses, its selection, owner mapping and
/// --force rules included.
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
        AttributeApplier attributes = Attributes(options, warn);
        using RemoteConnection connection = RemoteConnection.Open(command, host);
        using Channel channel = connection.Link.Open(RestoreRequest.Write(options).Payload);
        return Receive(options, channel, attributes, warn);
    }

    /// <summary>Restores the local repository path <see cref="RestoreOptions.Source"/> into <paramref name="target"/> on the far side.</summary>
    /// <param name="options">The restore; its Target is ignored.</param>
    /// <param name="target">Where on the far side.</param>
    /// <param name="command">The remote schema, filled.</param>
    /// <param name="warn">Hears the warnings of both sides.</param>
    public static RestoreResult Into(RestoreOptions options, Location target, string command, Action<string> warn)
    {
        if (options.UserMappingFile is not null || options.GroupMappingFile is not null)
        {
            throw new UsageException("--user-mapping-file and --group-mapping-file apply where the target is: run the restore on that machine");
        }
        using RemoteConnection connection = RemoteConnection.Open(command, target.Host!);
        using Channel channel = connection.Link.Open(RestoreRequest.WriteInto(options with { Target = target.Path }).Payload);
        RestoreResult? result = null;
        Exception? failure = null;
        var answers = new Thread(() =>
        {
            try
            {
                result = Answer(channel, connection.Peer, warn);
            }
            catch (Exception e) when (e is RdiffException)
            {
                failure = e;
                // The far side gave up: stop sending to it.
                channel.Fail(e);
            }
        }) { IsBackground = true, Name = "rdiffsharp restore answers" };
        answers.Start();
        try
        {
            RestoreStream.Send(options, channel, options.TempDirectory);
        }
        catch (RdiffException) when (failure is not null || (answers.Join(TimeSpan.FromSeconds(10)) && failure is not null))
        {
            // The far side's reason is the one to show.
        }
        answers.Join();
        return failure is not null ? throw failure : result!;
    }

    /// <summary>The target side's work on a Restore or RestoreInto channel; <paramref name="options"/>.Target is local.</summary>
    internal static RestoreResult Receive(RestoreOptions options, Channel channel, AttributeApplier attributes, Action<string> warn)
    {
        byte[] target = PosixFs.AbsolutePath(options.Target);
        var receiver = new RestoreReceiver(channel, warn);
        receiver.Start();
        Selection.Selection? selection = RestoreRules.Compile(options, receiver.SubPath, target);
        (long entries, int errors, bool overwritten) = RestoreTarget.Write(options, target, selection, receiver.Records(options.Stop), receiver.SubPath,
            (_, _) => receiver, attributes, warn, warn);
        return new RestoreResult(receiver.Session, entries, errors + receiver.Lost, overwritten);
    }

    internal static AttributeApplier Attributes(RestoreOptions options, Action<string> warn)
    {
        var names = new OwnerNames();
        OwnerMap users = OwnerMap.Create(names, users: true, options.PreserveNumericalIds, options.UserMappingFile);
        OwnerMap groups = OwnerMap.Create(names, users: false, options.PreserveNumericalIds, options.GroupMappingFile);
        return new AttributeApplier(names, users, groups, Environment.IsPrivilegedProcess, options.Xattrs, options.Acls, warn);
    }

    internal static MessageWriter Result(RestoreResult result) =>
        new MessageWriter().Time(result.SessionTime).Number((ulong)result.Entries).Number((ulong)result.FileErrors)
            .Number(result.Warning ? 1UL : 0);

    private static RestoreResult Answer(Channel channel, string peer, Action<string> warn)
    {
        var message = new MessageReader(channel.Answer(data => warn(Encoding.UTF8.GetString(data.Span))), peer);
        var result = new RestoreResult(message.Time(), (long)Math.Min(message.Number(), long.MaxValue),
            (int)Math.Min(message.Number(), int.MaxValue), message.Number() == 1);
        message.End();
        return result;
    }
}
