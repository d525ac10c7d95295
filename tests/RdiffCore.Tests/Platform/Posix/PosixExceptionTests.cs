using RdiffCore.Platform.Posix;

namespace RdiffCore.Tests.Platform.Posix;

public sealed class PosixExceptionTests
{
    [Test]
    public void The_message_is_operation_path_and_strerror_on_one_line()
    {
        var error = new PosixException(Errno.EACCES, "open", "/srv/data"u8);

        Assert.That(error.Message, Is.EqualTo("open '/srv/data': Permission denied"));
        Assert.That((error.Errno, error.Operation, error.Path), Is.EqualTo((Errno.EACCES, "open", "/srv/data"u8.ToArray())));
        Assert.That(error.SecondPath, Is.Null);
    }

    [Test]
    public void Bytes_that_are_not_utf8_and_control_characters_are_escaped()
    {
        byte[] path = [(byte)'/', 0xff, (byte)'a', 0xc3, 0xa9, (byte)'\n', 0xc3, (byte)'b', 0xe2, 0x82, 0xac, (byte)'\t', 0x7f];

        var error = new PosixException(Errno.ENOENT, "lstat", path);

        Assert.That(error.Message, Is.EqualTo("lstat '/\\xFFa\u00e9\\x0A\\xC3b\u20ac\\x09\\x7F': No such file or directory"));
        Assert.That(error.Message, Does.Not.Contain('\n'));
    }

    [Test]
    public void System_texts_come_from_the_c_library()
    {
        Assert.That(PosixException.Describe(Errno.ENOENT), Is.EqualTo("No such file or directory"));
        Assert.That(PosixException.Describe(Errno.ENOTEMPTY), Is.EqualTo("Directory not empty"));
        Assert.That(PosixException.Describe(Errno.EDQUOT), Is.EqualTo("Disk quota exceeded"));
        Assert.That(PosixException.Describe(Errno.ENODATA), Is.EqualTo("No data available"));
    }

    [Test]
    public void Errno_values_are_the_ones_python_knows_for_this_system()
    {
        string[] names = Enum.GetNames<Errno>().Where(name => name != nameof(Errno.None)).ToArray();
        string script = "import errno; print(' '.join(str(getattr(errno, n)) for n in '" + string.Join(' ', names) + "'.split()))";

        string[] numbers = SystemTool.Line("python3", "-c", script).Split(' ');

        Assert.That(numbers, Is.EqualTo(names.Select(name => ((int)Enum.Parse<Errno>(name)).ToString(System.Globalization.CultureInfo.InvariantCulture))));
    }
}
