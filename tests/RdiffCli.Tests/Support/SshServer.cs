using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace RdiffCli.Tests.Support;

/// <summary>
/// A real sshd (Debian openssh-server) on 127.0.0.1 on a free port, for one test class: host and
/// client keys made for the run, key login as the user running the tests, and forced-command keys
/// for the restricted cases. Torn down with the class.
/// </summary>
internal sealed class SshServer : IDisposable
{
    private const string Daemon = "/usr/sbin/sshd";
    private readonly Process _daemon;
    private readonly string _authorizedKeys;

    private SshServer(string directory, int port, Process daemon)
    {
        Home = directory;
        Port = port;
        _daemon = daemon;
        _authorizedKeys = Path.Combine(directory, "authorized_keys");
    }

    /// <summary>The temp directory holding keys, config and log.</summary>
    public string Home { get; }

    public int Port { get; }

    /// <summary>Starts sshd and waits until it accepts connections.</summary>
    public static SshServer Start()
    {
        Assert.That(File.Exists(Daemon), Is.True, "openssh-server is not installed (run-tests.sh installs it)");
        // sshd refuses to start without its privilege-separation directory, which a container may lack.
        System.IO.Directory.CreateDirectory("/run/sshd");
        string directory = System.IO.Directory.CreateTempSubdirectory("rdiffsharp-sshd-").FullName;
        Keygen(Path.Combine(directory, "host_key"));
        File.WriteAllText(Path.Combine(directory, "authorized_keys"), "");
        int port = FreePort();
        string config = Path.Combine(directory, "sshd_config");
        File.WriteAllText(config, $"""
            Port {port}
            ListenAddress 127.0.0.1
            HostKey {directory}/host_key
            AuthorizedKeysFile {directory}/authorized_keys
            PidFile {directory}/sshd.pid
            UsePAM no
            StrictModes no
            PermitRootLogin prohibit-password
            PasswordAuthentication no
            KbdInteractiveAuthentication no
            PermitUserEnvironment no
            LogLevel ERROR

            """);
        var start = new ProcessStartInfo(Daemon, ["-D", "-f", config, "-E", Path.Combine(directory, "sshd.log")]) { UseShellExecute = false };
        Process daemon = Process.Start(start)!;
        var server = new SshServer(directory, port, daemon);
        var waited = Stopwatch.StartNew();
        while (!server.Accepts())
        {
            if (daemon.HasExited || waited.Elapsed > TimeSpan.FromSeconds(20))
            {
                string log = File.Exists(Path.Combine(directory, "sshd.log")) ? File.ReadAllText(Path.Combine(directory, "sshd.log")) : "";
                server.Dispose();
                Assert.Fail($"sshd did not start on port {port}: {log}");
            }
            Thread.Sleep(50);
        }
        return server;
    }

    /// <summary>
    /// A new client key that may log in, running <paramref name="forcedCommand"/> instead of what the
    /// client asks for when given (authorized_keys "command=", with "restrict"); returns its file.
    /// </summary>
    public string AddKey(string? forcedCommand = null)
    {
        string key = Path.Combine(Home, $"client_key_{Guid.NewGuid():N}");
        Keygen(key);
        string options = forcedCommand is null ? "" : $"command=\"{forcedCommand.Replace("\"", "\\\"", StringComparison.Ordinal)}\",restrict ";
        File.AppendAllText(_authorizedKeys, options + File.ReadAllText(key + ".pub"));
        return key;
    }

    /// <summary>The ssh command line (without host and command) that logs in with <paramref name="key"/>.</summary>
    public string Ssh(string key) =>
        $"ssh -i {key} -p {Port} -o BatchMode=yes -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR";

    /// <summary>A --remote-schema that runs <paramref name="program"/> on the far side through this server.</summary>
    public string Schema(string key, string program) =>
        $"{Ssh(key)} {{h}} env TZ=UTC DOTNET_ROOT={DotnetRoot} {program} server";

    /// <summary>Where the runtime lives (sshd gives a login only a minimal environment, and the built program needs it).</summary>
    public static string DotnetRoot =>
        Path.GetFullPath(Path.Combine(System.Runtime.InteropServices.RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));

    /// <summary>The user@host part of a location on this server.</summary>
    public static string Host => $"{Environment.UserName}@127.0.0.1";

    public void Dispose()
    {
        if (!_daemon.HasExited)
        {
            _daemon.Kill(entireProcessTree: true);
            _daemon.WaitForExit();
        }
        _daemon.Dispose();
        System.IO.Directory.Delete(Home, recursive: true);
    }

    private bool Accepts()
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, Port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static void Keygen(string file) =>
        Programs.Succeed(Path.GetDirectoryName(file)!, "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "rdiffsharp-test", "-f", file);
}
