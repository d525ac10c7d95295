namespace RdiffCli.Tests.Support;

/// <summary>
/// What the tests over ssh share: one real sshd on 127.0.0.1 and one client key per fixture, and a
/// fresh scratch tree per test (made before, removed after, a test's own [SetUp]).
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public abstract class SshFixture
{
    private protected SshServer Ssh { get; private set; } = null!;

    /// <summary>A client key the server lets in without a forced command.</summary>
    private protected string Key { get; private set; } = null!;

    private protected ScratchTree Temp { get; private set; } = null!;

    [OneTimeSetUp]
    public void StartSshd()
    {
        Ssh = SshServer.Start();
        Key = Ssh.AddKey();
    }

    [OneTimeTearDown]
    public void StopSshd() => Ssh.Dispose();

    [SetUp]
    public void MakeScratchTree() => Temp = new ScratchTree();

    [TearDown]
    public void RemoveScratchTree() => Temp.Dispose();
}
