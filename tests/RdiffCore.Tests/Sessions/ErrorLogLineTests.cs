using System.Text;
using System.Text.Json;
using RdiffCore.Model;
using RdiffCore.Platform.Posix;
using RdiffCore.Sessions;
using RdiffCore.Tests.Support;

namespace RdiffCore.Tests.Sessions;

public sealed class ErrorLogLineTests
{
    [Test]
    public void Writes_the_documented_line()
    {
        string message = PythonOsError.Message(13, "Permission denied", "err/src/b"u8);

        Assert.That(ErrorLogLine.Format("ListError", RelPath.FromString("err/src/b"), message),
            Is.EqualTo("ListError: 'err/src/b' [Errno 13] Permission denied: b'err/src/b'"));
        Assert.That(ErrorLogLine.Encode("ListError", RelPath.FromString("err/src/b"), message, nullSeparator: false),
            Is.EqualTo("ListError: 'err/src/b' [Errno 13] Permission denied: b'err/src/b'\n"u8.ToArray()));
    }

    [Test]
    public void Newlines_become_spaces_unless_lines_end_with_NUL()
    {
        var path = new RelPath("new\nline name"u8.ToArray());

        Assert.That(ErrorLogLine.Encode("UpdateError", path, "two\nlines", nullSeparator: false),
            Is.EqualTo("UpdateError: 'new line name' two lines\n"u8.ToArray()));
        Assert.That(ErrorLogLine.Encode("UpdateError", path, "two\nlines", nullSeparator: true),
            Is.EqualTo("UpdateError: 'new\nline name' two\nlines\0"u8.ToArray()));
    }

    [Test]
    public void Path_bytes_that_are_not_UTF8_become_replacement_characters()
    {
        var path = new RelPath([(byte)'a', 0xff, (byte)'b']);

        Assert.That(ErrorLogLine.Encode("SpecialFileError", path, "m", nullSeparator: false),
            Is.EqualTo("SpecialFileError: 'a\uFFFDb' m\n"u8.ToArray()));
    }

    [Test]
    public void A_lone_surrogate_is_backslash_escaped()
    {
        Assert.That(ErrorLogLine.Encode("ListError", RelPath.FromString("x"), "bad \udcff and good \U0001F600", nullSeparator: false),
            Is.EqualTo(Encoding.UTF8.GetBytes("ListError: 'x' bad \\udcff and good \U0001F600\n")));
    }

    [Test]
    public void Only_rdiff_backups_three_types_are_accepted()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ErrorLogLine.Format("Error", RelPath.Root, "m"));
    }

    [Test]
    public void Agrees_with_rdiff_backups_ErrorLog()
    {
        byte[][] paths = ["a/b"u8.ToArray(), [0x61, 0xff, 0xfe, 0x2f, 0xc3, 0x28], "it's \"quoted\"\\\t\r\n\x7f"u8.ToArray(), "it's"u8.ToArray(), "plain \"dq\""u8.ToArray(), [0xe2, 0x82]];
        string script = """
            import sys, json
            from rdiff_backup import log, rpath
            for hexpath in json.load(sys.stdin):
                path = bytes.fromhex(hexpath)
                index = tuple(path.split(b'/'))
                line = log.ErrorLog._get_log_string('UpdateError', rpath.RORPath(index), OSError(2, 'No such file or directory', path))
                sys.stdout.buffer.write(log._to_bytes(line.replace('\n', ' ') + '\n'))
            """;
        string output = RdiffBackupOracle.RunPython(script, JsonSerializer.Serialize(paths.Select(Convert.ToHexString)));
        string[] expected = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);

        for (int i = 0; i < paths.Length; i++)
        {
            string message = PythonOsError.Message(2, "No such file or directory", paths[i]);
            byte[] ours = ErrorLogLine.Encode("UpdateError", new RelPath(paths[i]), message, nullSeparator: false);
            Assert.That(Encoding.UTF8.GetString(ours), Is.EqualTo(expected[i] + "\n"), Convert.ToHexString(paths[i]));
        }
    }
}
