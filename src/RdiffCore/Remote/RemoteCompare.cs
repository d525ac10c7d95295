using System.Text;
using RdiffCore.Remote.Wire;
using RdiffCore.Source;
using RdiffCore.Storage;
using RdiffCore.Verify;

namespace RdiffCore.Remote;

/// <summary>
/// `compare` with either side on another machine. The compare runs where the repository is, with
/// the source walked and read where it is: for `compare SRC host::REPO` the far side compares and
/// calls back for the source; for `compare host::SRC REPO` this side compares and the far side
/// walks and reads. The differences and warnings are those of a local compare.
/// </summary>
public static class RemoteCompare
{
    private const byte Difference = 1, Warning = 2;

    /// <summary>Compares the local source with the repository at <paramref name="repository"/>; returns the number of differences.</summary>
    /// <param name="options">The compare; its Source is local.</param>
    /// <param name="repository">Where the repository is.</param>
    /// <param name="command">The remote schema, filled.</param>
    /// <param name="difference">Hears each difference line.</param>
    /// <param name="warn">Hears each warning.</param>
    public static long Against(CompareOptions options, Location repository, string command, Action<string> difference, Action<string> warn)
    {
        Refuse(options);
        byte[] source = Platform.Posix.PosixFs.AbsolutePath(options.Source);
        LocalSourceTree tree = LocalSourceTree.Open(options.Source, source, RepositoryComparer.Everything, options.Selection, options.NullSeparator, []);
        return RemoteBackup.ServingSource(tree, command, repository.Host!, (connection, number) =>
        {
            using Channel channel = connection.Link.Open(Write(number, source, options with { Repository = repository.Path }).Payload);
            var answer = new MessageReader(channel.Answer(data => channel.TwoStreams(data, difference, warn)), connection.Peer);
            long found = (long)Math.Min(answer.Number(), long.MaxValue);
            answer.End();
            return found;
        });
    }

    /// <summary>Compares the directory at <paramref name="source"/> on the far side with the local repository.</summary>
    /// <param name="options">The compare; its Repository is local.</param>
    /// <param name="source">Where the source is.</param>
    /// <param name="command">The remote schema, filled.</param>
    /// <param name="difference">Hears each difference line.</param>
    /// <param name="warn">Hears each warning.</param>
    public static long From(CompareOptions options, Location source, string command, Action<string> difference, Action<string> warn)
    {
        Refuse(options);
        using RemoteConnection connection = RemoteConnection.Open(command, source.Host!);
        var answer = new MessageReader(connection.Call(SourceRequest.Write(source.Path, RepositoryComparer.Everything, options.Selection, options.NullSeparator)), connection.Peer);
        ulong number = answer.Number();
        answer.End();
        using var tree = new RemoteSourceTree(connection.Link, number, source.Path);
        return RepositoryComparer.Run(options with { Source = source.Path }, tree, null, difference, warn);
    }

    /// <summary>The far side's part of <see cref="Against"/>.</summary>
    internal static void Serve(ref MessageReader message, Channel channel, Link link, ServedTree tree, byte[]? tempDirectory)
    {
        ulong number = message.Number();
        byte[] shown = message.Bytes().ToArray();
        byte[] repository = message.Bytes().ToArray();
        ulong method = message.Number();
        string at = message.Text();
        long? time = message.OptionalTime();
        byte[]? quote = message.OptionalBytes();
        bool parsable = message.Number() == 1;
        message.End();
        if (!Enum.IsDefined((CompareMethod)method))
        {
            throw new RdiffException($"compare method {method} is not known here; install the same rdiffsharp version on both sides");
        }
        byte[] resolved = tree.Resolve(repository);
        tree.CheckNoSymlinks(resolved);
        // The compare reads the repository the check opened.
        (PinnedDirectory pinned, byte[] rest) = RemoteServer.PinRepositoryAbove(tree, resolved, repository);
        using PinnedDirectory held = pinned;
        var options = new CompareOptions
        {
            Source = shown,
            Repository = [.. pinned.Path, .. rest],
            Method = (CompareMethod)method,
            At = at,
            CurrentTime = time,
            CharsToQuote = quote,
            Parsable = parsable,
            TempDirectory = tempDirectory,
        };
        using var source = new RemoteSourceTree(link, number, shown);
        long found;
        try
        {
            found = RepositoryComparer.Run(options, source, null, line => channel.Write([Difference, .. Encoding.UTF8.GetBytes(line)]),
                line => channel.Write([Warning, .. Encoding.UTF8.GetBytes(pinned.Show(line))]));
        }
        catch (RdiffException e) when (e is not ProtocolException)
        {
            throw new RdiffException(pinned.Show(e.Message), e);
        }
        channel.Reply(new MessageWriter().Number((ulong)found).Payload);
    }

    private static MessageWriter Write(ulong source, byte[] shown, CompareOptions options) =>
        new MessageWriter().Number((ulong)CallKind.Compare).Number(source).Bytes(shown).Bytes(options.Repository)
            .Number((ulong)options.Method).Text(options.At)
            .Optional(options.CurrentTime).Optional(options.CharsToQuote)
            .Number(options.Parsable ? 1UL : 0);

    // The full method with rules needs a second walk of the source with them; not offered across a connection.
    private static void Refuse(CompareOptions options)
    {
        if (options.Method == CompareMethod.Full && options.Selection.Count > 0)
        {
            throw new UsageException("compare --method full with selection rules needs the source and the repository on one machine; use --method hash, or run it there");
        }
        if (options.TempDirectory is not null)
        {
            throw new UsageException("--tempdir names a directory where the repository is: give it with --remote-tempdir");
        }
    }
}
