using RdiffCore.Metadata;

namespace RdiffCore.Tests.Metadata;

public sealed class PathQuotingTests
{
    [TestCase("new\nline name", @"new\nline name")]
    [TestCase("back\\slash", @"back\\slash")]
    [TestCase("File x/File y", "File x/File y")]
    [TestCase("sp ace é", "sp ace é")]
    [TestCase("\\n", @"\\n")]
    [TestCase("\n\n\\", @"\n\n\\")]
    public void Quotes_only_newline_and_backslash(string raw, string quoted)
    {
        byte[] rawBytes = System.Text.Encoding.UTF8.GetBytes(raw);
        byte[] quotedBytes = System.Text.Encoding.UTF8.GetBytes(quoted);

        Assert.That(PathQuoting.Quote(rawBytes), Is.EqualTo(quotedBytes));
        Assert.That(PathQuoting.Unquote(quotedBytes), Is.EqualTo(rawBytes));
    }

    [Test]
    public void Agrees_with_rdiff_backups_quote_path_on_every_byte_and_on_odd_escapes()
    {
        List<byte[]> raws = [.. Enumerable.Range(0, 256).Select(b => new[] { (byte)'a', (byte)b, (byte)'\\', (byte)b })];
        raws.Add([0xff, 0xfe, (byte)'\n', 0xc3]);
        byte[][] quoted = ["\\t"u8.ToArray(), "a\\"u8.ToArray(), "\\\\\\n\\x"u8.ToArray(), "\\\\\\"u8.ToArray(), "\\nn\\\\n"u8.ToArray()];

        List<byte[]> expectedQuoted = PythonOracle.Apply("quote_path", raws);
        List<byte[]> expectedUnquoted = PythonOracle.Apply("unquote_path", quoted);

        for (int i = 0; i < raws.Count; i++)
        {
            Assert.That(PathQuoting.Quote(raws[i]), Is.EqualTo(expectedQuoted[i]), $"quote {Convert.ToHexString(raws[i])}");
            Assert.That(PathQuoting.Unquote(expectedQuoted[i]), Is.EqualTo(raws[i]), "and back");
        }
        for (int i = 0; i < quoted.Length; i++)
        {
            Assert.That(PathQuoting.Unquote(quoted[i]), Is.EqualTo(expectedUnquoted[i]), $"unquote {System.Text.Encoding.Latin1.GetString(quoted[i])}");
        }
    }
}
