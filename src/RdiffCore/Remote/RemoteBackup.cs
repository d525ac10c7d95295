using System.Text;
using RdiffCore.Backup;
using RdiffCore.Remote.Wire;
using RdiffCore.Source;
using RdiffCore.Storage;

namespace RdiffCore.Remote;

/// <summary>
/// A backup over a connection, in either direction. The engine runs where the repository is: for
/// a push (`SRC host::REPO`) the server runs it and calls back to this side for the walk and the
/// file data; for a pull (`host::SRC REPO`) this side runs it and the server walks and reads.
/// </summary>
public static class RemoteBackup
{
    /// <summary>Backs up the local <see cref="BackupOptions.Source"/> into the repository at <paramref name="repository"/>.</summary>
    /// <param name="options">The backup; its Source is local.</param>
    /// <param name="repository">Where the repository is.</param>
    /// <param name="command">The remote schema, filled.</param>
    /// <param name="warn">Hears the warnings of both sides.</param>
    public static BackupResult Push(BackupOptions options, Location repository, string command, Action<string> warn)
    {
        if (options.UserMappingFile is not null || options.GroupMappingFile is not null)
        {
            throw new UsageException("--user-mapping-file and --group-mapping-file apply where the repository is: run the backup on that machine, or pull from it");
        }
        byte[] source = Platform.Posix.PosixFs.AbsolutePath(options.Source);
        LocalSourceTree tree = LocalSourceTree.Open(options.Source, source, new SourceOptions(options.Xattrs, options.Acls, options.HardLinks),
            options.Selection, options.NullSeparator, []);
        return ServingSource(tree, command, repository.Host!, (connection, number) =>
        {
            using Channel channel = connection.Link.Open(BackupRequest.Write(number, options with { Source = source, Repository = repository.Path }).Payload);
            // The far side's warnings come first, as it logs them.
            byte[] answer = channel.Answer(data => warn(Encoding.UTF8.GetString(data.Span)));
            return BackupRequest.ReadResult(answer, connection.Peer);
        });
    }

    /// <summary>
    /// Connects to the far side and serves it <paramref name="source"/> (owned from here: its walk and
    /// file data, by the number <paramref name="call"/> is given) for as long as <paramref name="call"/>
    /// runs there; every served call has ended when this returns.
    /// </summary>
    internal static T ServingSource<T>(LocalSourceTree source, string command, byte[] host, Func<RemoteConnection, ulong, T> call)
    {
        using var sources = new SourceService();
        ulong number = sources.Add(source);
        var calls = new CallThreads((channel, request) => ServeSource(sources, channel, request));
        T result;
        using (RemoteConnection connection = RemoteConnection.Open(command, host, onCall: calls.Start))
        {
            result = call(connection, number);
        }
        calls.Join();
        return result;
    }

    /// <summary>Backs up the directory at <paramref name="source"/> on the far side into the local repository.</summary>
    public static BackupResult Pull(BackupOptions options, Location source, string command, Action<string> warn)
    {
        using RemoteConnection connection = RemoteConnection.Open(command, source.Host!);
        return Pull(options, connection, source, warn);
    }

    /// <summary>The same over a connection already open (tests count its bytes).</summary>
    internal static BackupResult Pull(BackupOptions options, RemoteConnection connection, Location source, Action<string> warn)
    {
        var request = SourceRequest.Write(source.Path, new SourceOptions(options.Xattrs, options.Acls, options.HardLinks), options.Selection, options.NullSeparator);
        var answer = new MessageReader(connection.Call(request), connection.Peer);
        ulong number = answer.Number();
        answer.End();
        string shown = $"{Encoding.UTF8.GetString(source.Host!)}::{RepositoryPreparer.Show(source.Path)}";
        using var tree = new RemoteSourceTree(connection.Link, number, source.Path);
        return BackupEngine.Run(options with { Source = source.Path }, warn, tree, shown);
    }

    /// <summary>Serves the far side's calls for this side's source.</summary>
    private static void ServeSource(SourceService sources, Channel channel, ReadOnlyMemory<byte> request)
    {
        var message = new MessageReader(request.Span, channel.Peer);
        var call = (CallKind)message.Number();
        ulong number = message.Number();
        message.End();
        if (!sources.TryServe(call, number, channel))
        {
            throw new ProtocolException($"{channel.Peer} asked this side for call {(ulong)call}, which a backup's source does not answer; the connection was closed");
        }
    }
}
