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
        using var sources = new SourceService();
        ulong number = sources.Add(LocalSourceTree.Open(options.Source, source, new SourceOptions(options.Xattrs, options.Acls, options.HardLinks),
            options.Selection, options.NullSeparator, []));
        var calls = new CallThreads((channel, request) => ServeSource(sources, channel, request));
        BackupResult result;
        using (RemoteConnection connection = RemoteConnection.Open(command, repository.Host!, onCall: calls.Start))
        {
            using Channel channel = connection.Link.Open(BackupRequest.Write(number, options with { Source = source, Repository = repository.Path }).Payload);
            while (true)
            {
                Frame frame = channel.Next();
                if (frame.Kind == FrameKind.Data)
                {
                    // The far side's warnings, as it logs them.
                    warn(Encoding.UTF8.GetString(frame.Payload.Span));
                    continue;
                }
                result = frame.Kind == FrameKind.Message
                    ? BackupRequest.ReadResult(frame.Payload.ToArray(), connection.Peer)
                    : throw new ProtocolException($"{connection.Peer} sent a {frame.Kind} frame where the backup's result was due; the connection was closed");
                break;
            }
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

    /// <summary>Serves the far side's calls for this side's source (a push, a compare against a remote repository).</summary>
    internal static void ServeSource(SourceService sources, Channel channel, ReadOnlyMemory<byte> request)
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
