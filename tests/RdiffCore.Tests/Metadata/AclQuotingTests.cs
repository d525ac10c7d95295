using RdiffCore.Metadata;

namespace RdiffCore.Tests.Metadata;

public sealed class AclQuotingTests
{
    [TestCase("new\nline name", @"new\012line\040name")]
    [TestCase("x=y", @"x\075y")]
    [TestCase("é", @"\303\251")]
    [TestCase("back\\slash", @"back\134slash")]
    [TestCase("plain-name_1.txt", "plain-name_1.txt")]
    [TestCase(".", ".")]
    public void Quotes_the_examples_of_the_format_notes(string raw, string quoted)
    {
        byte[] rawBytes = System.Text.Encoding.UTF8.GetBytes(raw);
        byte[] quotedBytes = System.Text.Encoding.UTF8.GetBytes(quoted);

        Assert.That(AclQuoting.Quote(rawBytes), Is.EqualTo(quotedBytes));
        Assert.That(AclQuoting.Unquote(quotedBytes), Is.EqualTo(rawBytes));
    }

    [Test]
    public void Quotes_every_byte_as_rdiff_backups_C_module_does()
    {
        // NUL cannot be in a name and the C module refuses it; every other byte, alone and in company.
        List<byte[]> inputs = [.. Enumerable.Range(1, 255).Select(b => new[] { (byte)'a', (byte)b, (byte)'z' })];
        inputs.Add([.. Enumerable.Range(1, 255).Select(b => (byte)b)]);

        List<byte[]> expected = PythonOracle.Apply("acl_quote", inputs);

        for (int i = 0; i < inputs.Count; i++)
        {
            Assert.That(AclQuoting.Quote(inputs[i]), Is.EqualTo(expected[i]), $"input {Convert.ToHexString(inputs[i])}");
            Assert.That(AclQuoting.Unquote(expected[i]), Is.EqualTo(inputs[i]), "and back");
        }
    }

    [Test]
    public void Unquotes_malformed_escapes_as_rdiff_backups_C_module_does()
    {
        byte[][] inputs = ["\\"u8.ToArray(), "a\\1"u8.ToArray(), "\\12"u8.ToArray(), "\\999"u8.ToArray(), "\\08a"u8.ToArray(), "x\\"u8.ToArray(), "\\377\\101b"u8.ToArray(), "\\\\101"u8.ToArray()];

        List<byte[]> expected = PythonOracle.Apply("acl_unquote", inputs);

        for (int i = 0; i < inputs.Length; i++)
        {
            Assert.That(AclQuoting.Unquote(inputs[i]), Is.EqualTo(expected[i]), $"input {System.Text.Encoding.Latin1.GetString(inputs[i])}");
        }
    }
}
