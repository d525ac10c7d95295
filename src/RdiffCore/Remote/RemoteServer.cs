using System.Text;
using RdiffCore.Backup;
using RdiffCore.Platform.Posix;
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
                PinnedDirectory pinned = PinSource(tree, path, asked);
                ulong number;
                try
                {
                    // The walk and every file read start from the directory the check opened.
                    number = sources.Add(LocalSourceTree.Open(asked, pinned.Path, options, rules, nullSeparator, []), pinned);
                }
                catch
                {
                    pinned.Dispose();
                    throw;
                }
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
                using PinnedDirectory pinned = tree.PinRepository(repository, options.Repository);
                using var remote = new RemoteSourceTree(link, source, options.Source);
                BackupResult result;
                try
                {
                    // The engine works in the directory the check opened, whatever the path names by now.
                    result = BackupEngine.Run(options with { Repository = pinned.Path }, line => channel.Write(Encoding.UTF8.GetBytes(pinned.Show(line))), remote,
                        RepositoryPreparerShow(options.Source), shownRepository: RepositoryPreparerShow(options.Repository));
                }
                catch (RdiffException e) when (e is not ProtocolException)
                {
                    throw new RdiffException(pinned.Show(e.Message), e);
                }
                channel.Reply(BackupRequest.Result(result).Payload);
                break;
            }
            case CallKind.Restore:
            {
                Refuse(tree, RestrictMode.UpdateOnly, "it receives backups and never sends names or data back");
                Restore.RestoreOptions options = RestoreRequest.Read(ref message);
                byte[] path = tree.Resolve(options.Source);
                tree.CheckNoSymlinks(path);
                // The restore reads the repository the check opened.
                (PinnedDirectory pinned, byte[] rest) = PinRepositoryAbove(tree, path, options.Source);
                using (pinned)
                {
                    try
                    {
                        RestoreStream.Send(options with { Source = [.. pinned.Path, .. rest] }, channel, tempDirectory, pinned.Show);
                    }
                    catch (RdiffException e) when (e is not ProtocolException)
                    {
                        throw new RdiffException(pinned.Show(e.Message), e);
                    }
                }
                break;
            }
            case CallKind.RestoreInto:
            {
                Refuse(tree, RestrictMode.ReadOnly, "it never writes");
                Refuse(tree, RestrictMode.UpdateOnly, "it writes nothing but backups");
                Restore.RestoreOptions options = RestoreRequest.ReadInto(ref message);
                byte[] target = tree.Resolve(options.Target);
                tree.CheckNoSymlinks(target);
                int slash = target.AsSpan().LastIndexOf((byte)'/');
                if (target.AsSpan().SequenceEqual(tree.Restriction.Directory) || slash < 0)
                {
                    throw new RdiffException($"'{PrintablePath.From(target)}' is the directory this server is restricted to; restore into a directory beneath it");
                }
                // The target is written in the directory the check opened, whatever its path names by now.
                byte[] parent = slash == 0 ? [(byte)'/'] : target[..slash];
                using PinnedDirectory pinned = tree.Pin(parent, parent);
                Action<string> warn = line => channel.Write(Encoding.UTF8.GetBytes(pinned.Show(line)));
                try
                {
                    Restore.RestoreResult result = RemoteRestore.Receive(options with { Target = [.. pinned.Path, .. target[slash..]] }, channel,
                        RemoteRestore.Attributes(options, warn), warn);
                    channel.Reply(RemoteRestore.Result(result).Payload);
                }
                catch (RdiffException e) when (e is not ProtocolException)
                {
                    throw new RdiffException(pinned.Show(e.Message), e);
                }
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
                if (runAction is null)
                {
                    throw new RdiffException("this server runs no actions");
                }
                // The action runs in the repository the check opened: a swap of its path for a symlink changes nothing.
                (PinnedDirectory pinned, byte[] rest) = tree.PinRepositoryAbove(path, asked)
                    ?? throw new RdiffException($"'{PrintablePath.From(asked)}' is not in a backup repository (no rdiff-backup-data in it or above it, beneath '{PrintablePath.From(tree.Restriction.Directory)}'); give the repository's directory");
                using (pinned)
                {
                    var output = new ChannelTextWriter(channel, ActionRequest.Output, pinned.Show);
                    var error = new ChannelTextWriter(channel, ActionRequest.Error, pinned.Show);
                    int code = runAction(action, options, [.. pinned.Path, .. rest], output, error);
                    output.Flush();
                    error.Flush();
                    channel.Reply(new MessageWriter().Number((ulong)code).Payload);
                }
                break;
            }
            default:
                throw new ProtocolException($"the client asked for call {(ulong)call}, which this server does not know; install the same rdiffsharp version on both sides");
        }
    }

    private static string RepositoryPreparerShow(byte[] path) => Storage.RepositoryPreparer.Show(path);

    /// <summary>The repository at or above <paramref name="path"/>, opened for the call, and the path below it.</summary>
    internal static (PinnedDirectory Pinned, byte[] Below) PinRepositoryAbove(ServedTree tree, byte[] path, byte[] asked) =>
        tree.PinRepositoryAbove(path, asked)
            ?? throw new RdiffException($"'{PrintablePath.From(asked)}' is not in a backup repository (no rdiff-backup-data in it or above it, beneath '{PrintablePath.From(tree.Restriction.Directory)}'); give the repository's directory");

    /// <summary>
    /// Opens a pull's source beneath the restriction. Only a path the kernel reached without a symlink
    /// and found missing or not a directory gets the usual words of a local backup: they are looked up
    /// by name, and must tell nothing about what lies outside.
    /// </summary>
    private static PinnedDirectory PinSource(ServedTree tree, byte[] path, byte[] asked)
    {
        try
        {
            return tree.Pin(path, asked);
        }
        catch (RdiffException e) when (e.InnerException is PosixException { Errno: Errno.ENOENT or Errno.ENOTDIR } && !tree.IsSymlink(path))
        {
            Storage.RepositoryPreparer.CheckSource(path);
            throw;
        }
    }

    private static void Refuse(ServedTree tree, RestrictMode mode, string why)
    {
        if (tree.Restriction.Mode == mode)
        {
            throw new RdiffException($"this server is {(mode == RestrictMode.ReadOnly ? "read-only" : "update-only")}: {why}");
        }
    }
}
