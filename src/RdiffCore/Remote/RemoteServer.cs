using System.Text;
using RdiffCore.Backup;
using RdiffCore.Remote.Wire;
using RdiffCore.Source;

namespace RdiffCore.Remote;

/// <summary>
/// `rdiffsharp server`: answers one client on standard input and output until it hangs up. Every
/// request is checked against the restriction before it touches the file system; a request that is
/// refused is answered with an error on its channel and the session goes on. Calls run at once,
/// each on its own thread, and the server may open calls back to the client (a push's source).
/// </summary>
public static class RemoteServer
{
    /// <summary>Runs a repository action here, as the command line would, and returns its exit code.</summary>
    public delegate int ActionRunner(string action, IReadOnlyList<(string Name, byte[]? Value)> options, byte[] path, TextWriter output, TextWriter error);

    /// <summary>Serves until the client closes the pipe.</summary>
    /// <param name="input">The client's requests.</param>
    /// <param name="output">Where the answers go.</param>
    /// <param name="restriction">Where and what the client may ask for.</param>
    /// <param name="version">This side's version, for Probe.</param>
    /// <param name="runAction">Runs list, verify, status, regress and remove (the command line's own code); null: they are refused.</param>
    /// <param name="tempDirectory">Where files rebuilt for a restore or a compare are put together (--tempdir); null: the system's.</param>
    /// <exception cref="ProtocolException">The client broke the protocol.</exception>
    public static void Serve(Stream input, Stream output, ServerRestriction restriction, string version, ActionRunner? runAction = null, byte[]? tempDirectory = null)
    {
        Handshake.Accept(input, output);
        using var tree = new ServedTree(restriction);
        using var sources = new SourceService();
        using var reader = new FrameReader(input, "the client");
        Link? link = null;
        var calls = new CallThreads((channel, request) => Answer(channel, request, tree, sources, link!, version, runAction, tempDirectory));
        var ended = new List<ProtocolException>();
        link = new Link(reader, output, "the client", client: false, calls.Start, cause =>
        {
            var end = cause is null ? new ProtocolException("the client hung up") : new ProtocolException($"the connection to the client was lost ({cause.Message})", cause);
            lock (ended)
            {
                ended.Add(end);
            }
            return end;
        });
        using (link)
        {
            link.Start();
            link.WaitClosed();
            calls.Join();
        }
        // A client that hangs up or goes away ends the session; one that broke the protocol is an error.
        if (link.Failure is ProtocolException failure && !ended.Contains(failure))
        {
            throw failure;
        }
    }

    private static void Answer(Channel channel, ReadOnlyMemory<byte> request, ServedTree tree, SourceService sources, Link link, string version,
        ActionRunner? runAction, byte[]? tempDirectory)
    {
        var message = new MessageReader(request.Span, "the client");
        var call = (CallKind)message.Number();
        switch (call)
        {
            case CallKind.Probe:
            {
                byte[] path = tree.Resolve(message.Bytes());
                message.End();
                tree.CheckDirectory(path);
                channel.Reply(new MessageWriter().Text(version).Payload);
                break;
            }
            case CallKind.OpenSource:
            {
                Refuse(tree, RestrictMode.UpdateOnly, "it receives backups and never sends names or data back");
                (byte[] asked, SourceOptions options, List<Selection.SelectionRule> rules, bool nullSeparator) = SourceRequest.Read(ref message);
                byte[] path = tree.Resolve(asked);
                // The kernel's check that it lies beneath the restriction; the usual words for a missing source.
                if (Platform.Posix.PosixFs.TryLStat(path, out _))
                {
                    tree.CheckDirectory(path);
                }
                Storage.RepositoryPreparer.CheckSource(path);
                ulong number = sources.Add(LocalSourceTree.Open(asked, path, options, rules, nullSeparator, []));
                channel.Reply(new MessageWriter().Number(number).Payload);
                break;
            }
            case CallKind.Walk or CallKind.Fetch:
            {
                ulong source = message.Number();
                message.End();
                sources.TryServe(call, source, channel);
                break;
            }
            case CallKind.Backup:
            {
                Refuse(tree, RestrictMode.ReadOnly, "it never writes");
                (ulong source, BackupOptions options) = BackupRequest.Read(ref message);
                if (options.Force && tree.Restriction.Mode == RestrictMode.UpdateOnly)
                {
                    throw new RdiffException("this server is update-only: --force could remove history, so it is refused");
                }
                byte[] repository = tree.Resolve(options.Repository);
                tree.CheckRepository(repository);
                using var remote = new RemoteSourceTree(link, source, options.Source);
                BackupResult result = BackupEngine.Run(options with { Repository = repository }, line => channel.Write(Encoding.UTF8.GetBytes(line)), remote,
                    RepositoryPreparerShow(options.Source));
                channel.Reply(BackupRequest.Result(result).Payload);
                break;
            }
            case CallKind.Restore:
            {
                Refuse(tree, RestrictMode.UpdateOnly, "it receives backups and never sends names or data back");
                Restore.RestoreOptions options = RestoreRequest.Read(ref message);
                byte[] path = tree.Resolve(options.Source);
                tree.CheckNoSymlinks(path);
                RestoreStream.Send(options with { Source = path }, channel, tempDirectory);
                break;
            }
            case CallKind.RestoreInto:
            {
                Refuse(tree, RestrictMode.ReadOnly, "it never writes");
                Refuse(tree, RestrictMode.UpdateOnly, "it writes nothing but backups");
                Restore.RestoreOptions options = RestoreRequest.ReadInto(ref message);
                byte[] target = tree.Resolve(options.Target);
                tree.CheckNoSymlinks(target);
                Action<string> warn = line => channel.Write(Encoding.UTF8.GetBytes(line));
                Restore.RestoreResult result = RemoteRestore.Receive(options with { Target = target }, channel, RemoteRestore.Attributes(options, warn), warn);
                channel.Reply(RemoteRestore.Result(result).Payload);
                break;
            }
            case CallKind.Compare:
                Refuse(tree, RestrictMode.UpdateOnly, "it receives backups and never sends names or data back");
                RemoteCompare.Serve(ref message, channel, link, tree, tempDirectory);
                break;
            case CallKind.RunAction:
            {
                (string action, List<(string Name, byte[]? Value)> options, byte[] asked) = ActionRequest.Read(ref message);
                if (ActionRequest.Writing.Contains(action))
                {
                    Refuse(tree, RestrictMode.ReadOnly, "it never writes");
                }
                if (tree.Restriction.Mode == RestrictMode.UpdateOnly && (action != "regress" || options.Exists(o => o.Name == "force")))
                {
                    throw new RdiffException($"this server is update-only: it receives backups and repairs an interrupted one, and runs no '{action}{(action == "regress" ? " --force" : "")}'");
                }
                byte[] path = tree.Resolve(asked);
                tree.CheckNoSymlinks(path);
                var output = new ChannelTextWriter(channel, ActionRequest.Output);
                var error = new ChannelTextWriter(channel, ActionRequest.Error);
                int code = runAction is null ? throw new RdiffException("this server runs no actions") : runAction(action, options, path, output, error);
                output.Flush();
                error.Flush();
                channel.Reply(new MessageWriter().Number((ulong)code).Payload);
                break;
            }
            default:
                throw new ProtocolException($"the client asked for call {(ulong)call}, which this server does not know; install the same rdiffsharp version on both sides");
        }
    }

    private static string RepositoryPreparerShow(byte[] path) => Storage.RepositoryPreparer.Show(path);

    private static void Refuse(ServedTree tree, RestrictMode mode, string why)
    {
        if (tree.Restriction.Mode == mode)
        {
            throw new RdiffException($"this server is {(mode == RestrictMode.ReadOnly ? "read-only" : "update-only")}: {why}");
        }
    }
}
