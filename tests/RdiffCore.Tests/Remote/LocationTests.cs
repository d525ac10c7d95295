using System.Diagnostics;
using System.Text;
using RdiffCore.Remote;

namespace RdiffCore.Tests.Remote;

public sealed class LocationTests
{
    [TestCase("/backups/x", null, "/backups/x")]
    [TestCase("host::/backups/x", "host", "/backups/x")]
    [TestCase("user@host::relative/x", "user@host", "relative/x")]
    [TestCase("ssh://user@host:2222::/p", "ssh://user@host:2222", "/p")]
    [TestCase(@"a\::b", null, "a::b")]
    [TestCase(@"h::a\::b", "h", "a::b")]
    [TestCase(@"h\\::p", @"h\", "p")]
    [TestCase(@"a\:::b", "a:", "b")]
    [TestCase(@"h::c:\dir", "h", @"c:\dir")]
    [TestCase(@"h::x\\\:y", "h", @"x\:y")]
    [TestCase("a:b", null, "a:b")]
    public void Splits_at_the_first_unescaped_double_colon(string text, string? host, string path)
    {
        Location location = Location.Parse(Encoding.UTF8.GetBytes(text));

        Assert.That(location.Host is null ? null : Encoding.UTF8.GetString(location.Host), Is.EqualTo(host));
        Assert.That(Encoding.UTF8.GetString(location.Path), Is.EqualTo(path));
        Assert.That(location.IsRemote, Is.EqualTo(host is not null));
    }

    [TestCase("a::b::c", "too many parts")]
    [TestCase("::/p", "no host")]
    [TestCase("host::", "no path")]
    public void Refuses_what_rdiff_backup_refuses(string text, string message)
    {
        var error = Assert.Throws<UsageException>(() => Location.Parse(Encoding.UTF8.GetBytes(text)));
        Assert.That(error!.Message, Does.Contain(message).And.Contain(text));
    }

    [Test]
    public void Keeps_bytes_that_are_not_UTF8()
    {
        Location location = Location.Parse([(byte)'h', (byte)':', (byte)':', 0xff, (byte)'/', 0xfe]);

        Assert.That(location.Host, Is.EqualTo("h"u8.ToArray()));
        Assert.That(location.Path, Is.EqualTo(new byte[] { 0xff, (byte)'/', 0xfe }));
    }

    /// <summary>
    /// The same split as rdiff-backup 2.2.2's own parser (Debian's python3, where its module lives),
    /// on tricky inputs. Left out: a part made only of backslash pairs, and two or more pairs before
    /// the separator, which its regular expression mangles (it drops the separator, or pairs).
    /// </summary>
    [Test]
    public void Agrees_with_rdiff_backup_on_escapes()
    {
        string[] inputs = [@"a\\\::b", @"\\::x", @"h::\\\\z", @"x\y::z", @"q::r\s", @"p\\::q", @"m\:\:n", @"u::::v"];
        const string script = """
            import sys
            from rdiff_backup import SetConnections
            for line in sys.stdin.read().split("\n"):
                if line:
                    h, p, e = SetConnections.parse_location(line)
                    print(repr((h, p, e is not None)))
            """;
        var start = new ProcessStartInfo("/usr/bin/python3", ["-c", script]) { RedirectStandardInput = true, RedirectStandardOutput = true };
        using Process python = Process.Start(start)!;
        python.StandardInput.Write(string.Join('\n', inputs) + "\n");
        python.StandardInput.Close();
        string[] expected = python.StandardOutput.ReadToEnd().TrimEnd('\n').Split('\n');
        python.WaitForExit();

        for (int i = 0; i < inputs.Length; i++)
        {
            string ours;
            try
            {
                Location location = Location.Parse(Encoding.UTF8.GetBytes(inputs[i]));
                // rdiff-backup then turns every backslash left in the path into '/', for Windows;
                // a Linux name may hold a backslash, so ours stays (a documented difference).
                byte[] path = [.. location.Path.Select(b => b == (byte)'\\' ? (byte)'/' : b)];
                ours = $"({Repr(location.Host)}, {Repr(path)}, False)";
            }
            catch (UsageException)
            {
                ours = "(None, None, True)";
            }
            Assert.That(ours, Is.EqualTo(expected[i]), inputs[i]);
        }
    }

    private static string Repr(byte[]? bytes) =>
        bytes is null ? "None" : "b'" + Encoding.ASCII.GetString(bytes).Replace(@"\", @"\\", StringComparison.Ordinal) + "'";
}
