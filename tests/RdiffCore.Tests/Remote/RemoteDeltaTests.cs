using System.IO.Pipes;
using System.Text;
using RdiffCore.Backup;
using RdiffCore.Remote;
using RdiffCore.Restore;
using RdiffCore.Tests.Support;

namespace RdiffCore.Tests.Remote;

/// <summary>
/// A pull between a client and a server in this process, over real pipes, counting the bytes on
/// the wire: a small edit to a big file travels as a forward delta of about its own size (plus the
/// signature the repository side sends), and the file is rebuilt exactly.
/// </summary>
public sealed class RemoteDeltaTests
{
    private const int Size = 8 << 20;

    [Test]
    public void Scattered_small_edits_to_a_big_file_cost_about_their_size_on_the_wire()
    {
        using var temp = new TempDirectory();
        string src = temp["src"];
        Directory.CreateDirectory(src);
        var random = new Random(7);
        byte[] data = new byte[Size];
        random.NextBytes(data);
        File.WriteAllBytes(Path.Combine(src, "big"), data);
        // Written well before each session, as files usually are (a file written in the session's
        // own second is hashed whole, not compared by its attributes).
        File.SetLastWriteTimeUtc(Path.Combine(src, "big"), DateTime.UnixEpoch.AddSeconds(1600000000));
        (long firstIn, _) = Pull(src, temp["repo"], 1700000000);
        Assert.That(firstIn, Is.GreaterThan(Size), "the first backup carries the whole (incompressible) file");

        const int Edits = 10, EditSize = 1024;
        for (int i = 0; i < Edits; i++)
        {
            random.NextBytes(data.AsSpan((i * (Size / Edits)) + 12345, EditSize));
        }
        File.WriteAllBytes(Path.Combine(src, "big"), data);
        File.SetLastWriteTimeUtc(Path.Combine(src, "big"), DateTime.UnixEpoch.AddSeconds(1700050000));
        (long fromSource, long toSource) = Pull(src, temp["repo"], 1700086400);

        long signature = (Size / 512 * 20) + 24;
        Assert.That(toSource, Is.LessThan(signature + (64 << 10)), "the repository side sends the signature and little else");
        Assert.That(fromSource, Is.LessThan(2 * Edits * EditSize + (32 << 10)), "the delta is about the size of the edits");
        RestoreEngine.Run(new RestoreOptions { Source = Bytes(temp["repo"]), Target = Bytes(temp["out"]) }, line => Assert.Fail(line));
        Assert.That(File.ReadAllBytes(Path.Combine(temp["out"], "big")), Is.EqualTo(data));
    }

    /// <summary>Pulls <paramref name="src"/> into <paramref name="repo"/>; returns the bytes the client read and wrote.</summary>
    private static (long Read, long Written) Pull(string src, string repo, long time)
    {
        using var toServer = new AnonymousPipeServerStream(PipeDirection.Out);
        using var serverIn = new AnonymousPipeClientStream(PipeDirection.In, toServer.ClientSafePipeHandle);
        using var toClient = new AnonymousPipeServerStream(PipeDirection.Out);
        using var clientIn = new AnonymousPipeClientStream(PipeDirection.In, toClient.ClientSafePipeHandle);
        Task server = Task.Run(() =>
        {
            RemoteServer.Serve(serverIn, toClient, new ServerRestriction("/"u8.ToArray(), RestrictMode.ReadOnly), "test");
            toClient.Close();
        });
        long read, written;
        using (RemoteConnection connection = RemoteConnection.Over(clientIn, toServer, "the test server"))
        {
            RemoteBackup.Pull(new BackupOptions { Source = Bytes(src), Repository = Bytes(repo), CurrentTime = time, TimeZone = TimeZoneInfo.Utc },
                connection, Location.Parse(Bytes("test::" + src)), line => Assert.Fail(line));
            read = connection.Link.BytesRead;
            written = connection.Link.BytesWritten;
        }
        toServer.Close();
        Assert.That(server.Wait(TimeSpan.FromSeconds(30)), Is.True);
        return (read, written);
    }

    private static byte[] Bytes(string path) => Encoding.UTF8.GetBytes(path);
}
