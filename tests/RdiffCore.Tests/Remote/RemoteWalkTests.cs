using System.IO.Pipes;
using System.Text;
using RdiffCore.Model;
using RdiffCore.Platform.Posix;
using RdiffCore.Remote;
using RdiffCore.Remote.Wire;
using RdiffCore.Reporting;
using RdiffCore.Source;
using RdiffCore.Tests.Support;

namespace RdiffCore.Tests.Remote;

/// <summary>
/// The OpenSource and Walk calls between a client and a server in this process, over real pipes: the records that
/// arrive are those a local walk gives, and a restricted server walks nothing outside its directory.
/// </summary>
public sealed class RemoteWalkTests
{
    private static readonly SourceOptions Everything = new(Xattrs: true, Acls: true, HardLinks: true);

    [Test]
    public void The_records_that_arrive_are_those_of_a_local_walk()
    {
        using var temp = new TempDirectory();
        string src = temp["src"];
        Directory.CreateDirectory(Path.Combine(src, "d", "e"));
        File.WriteAllText(Path.Combine(src, "d", "f"), "eff");
        File.WriteAllBytes(Path.Combine(src, "big"), new byte[3 << 20]);
        File.CreateSymbolicLink(Path.Combine(src, "link"), "../anywhere");
        ExternalTool.Succeed("mkfifo", Path.Combine(src, "fifo"));
        ExternalTool.Succeed("setfattr", "-n", "user.note", "-v", "0x00ff01", Path.Combine(src, "d", "f"));
        // .NET writes names as UTF-8; the shell makes one that is not.
        ExternalTool.Succeed("/bin/sh", "-c", "printf 'not utf-8' > \"$1/$(printf '\\377n')\"", "sh", src);
        for (int i = 0; i < 3000; i++)
        {
            File.WriteAllText(Path.Combine(src, "d", "e", $"many-{i:D4}"), $"{i}");
        }
        List<MetadataRecord> local = [.. new SourceWalker(Bytes(src), Everything, new OwnerNames(), new NoErrors()).Walk().Select(e => e.Record)];

        List<MetadataRecord> remote = Served<List<MetadataRecord>>(new ServerRestriction("/"u8.ToArray(), RestrictMode.ReadOnly),
            connection => Walk(connection, src, new NoErrors()));

        Assert.That(remote, Has.Count.EqualTo(local.Count).And.Count.GreaterThan(3000));
        for (int i = 0; i < local.Count; i++)
        {
            Assert.That(remote[i].HasSameMirrorFields(local[i]) && remote[i].HasSameXattrs(local[i]) && remote[i].HasSameAcl(local[i]), Is.True, local[i].Path.ToString());
        }
        Assert.That(remote.Any(r => r.Path.Bytes.SequenceEqual(new byte[] { 0xff, (byte)'n' })), Is.True, "a name that is not UTF-8 arrives as its bytes");
        Assert.That(remote.Single(r => r.Path == RelPath.FromString("d/f")).Xattrs.Single().Value, Is.EqualTo(new byte[] { 0, 0xff, 1 }));
    }

    [Test]
    public void A_restricted_server_walks_nothing_outside_its_directory()
    {
        using var temp = new TempDirectory();
        Directory.CreateDirectory(temp["allowed/inside"]);
        Directory.CreateDirectory(temp["allowed2"]);
        Directory.CreateDirectory(temp["outside"]);
        File.WriteAllText(Path.Combine(temp["outside"], "secret"), "s");
        File.CreateSymbolicLink(Path.Combine(temp["allowed"], "link"), temp["outside"]);
        var restriction = new ServerRestriction(Bytes(temp["allowed"]), RestrictMode.ReadWrite);

        string[] refused = [temp["allowed2"], temp["outside"], temp["allowed"] + "/../outside", temp["allowed"] + "/link", "/"];
        foreach (string path in refused)
        {
            var error = Assert.Throws<RdiffException>(() => Served(restriction,
                connection => Walk(connection, path, new Ignored())));
            Assert.That(error!.Message, Does.Contain("outside the directory").Or.Contain("cannot be served"), path);
        }
        Assert.That(Served(restriction, connection => Walk(connection, temp["allowed/inside"], new Ignored()).Count),
            Is.EqualTo(1), "a directory inside is walked");
    }

    [Test]
    public void An_update_only_server_never_walks()
    {
        using var temp = new TempDirectory();
        Directory.CreateDirectory(temp["repo"]);

        var error = Assert.Throws<RdiffException>(() => Served(new ServerRestriction(Bytes(temp.Path), RestrictMode.UpdateOnly),
            connection => Walk(connection, temp["repo"], new Ignored())));

        Assert.That(error!.Message, Does.Contain("update-only"));
    }

    /// <summary>Opens <paramref name="path"/> on the server as a source and walks it there.</summary>
    private static List<MetadataRecord> Walk(RemoteConnection connection, string path, IFileErrors errors)
    {
        byte[] answer = connection.Call(SourceRequest.Write(Bytes(path), Everything, [], false));
        ulong number = new MessageReader(answer, "the test server").Number();
        using var tree = new RemoteSourceTree(connection.Link, number, Bytes(path));
        return [.. tree.Walk(errors).Select(e => e.Record)];
    }

    /// <summary>Runs <paramref name="client"/> against a server on another thread, over two kernel pipes.</summary>
    private static T Served<T>(ServerRestriction restriction, Func<RemoteConnection, T> client)
    {
        using var toServer = new AnonymousPipeServerStream(PipeDirection.Out);
        using var serverIn = new AnonymousPipeClientStream(PipeDirection.In, toServer.ClientSafePipeHandle);
        using var toClient = new AnonymousPipeServerStream(PipeDirection.Out);
        using var clientIn = new AnonymousPipeClientStream(PipeDirection.In, toClient.ClientSafePipeHandle);
        Task server = Task.Run(() =>
        {
            RemoteServer.Serve(serverIn, toClient, restriction, "test");
            toClient.Close();
        });
        try
        {
            using RemoteConnection connection = RemoteConnection.Over(clientIn, toServer, "the test server");
            return client(connection);
        }
        finally
        {
            toServer.Close();
            server.Wait(TimeSpan.FromSeconds(30));
        }
    }

    private static byte[] Bytes(string path) => Encoding.Latin1.GetBytes(path);

    private sealed class Ignored : IFileErrors
    {
        public int Count => 0;

        public void Report(string type, RelPath path, string message)
        {
        }
    }

    private sealed class NoErrors : IFileErrors
    {
        public int Count => 0;

        public void Report(string type, RelPath path, string message) => Assert.Fail(message);
    }
}
