using System.Text;
using RdiffCore.Metadata;
using RdiffCore.Model;

namespace RdiffCore.Tests.Metadata;

public sealed class FileStatisticsWriterTests
{
    [Test]
    public void Writes_the_worked_example_lines()
    {
        byte[] written = Write(nullSeparator: false);

        Assert.That(Encoding.UTF8.GetString(written), Is.EqualTo(
            "# Format of each line in file statistics file:\n# Filename Changed SourceSize MirrorSize IncrementSize\n" +
            ". 1 0 0 NA\nchardev 0 0 0 NA\nfifo 1 NA 0 0\nfile.txt 1 33005 33000 153\nnew\\nline name 1 6 6 73\nnewfile 1 10 NA 0\nback\\\\slash 0 1 1 NA\n"));
    }

    [Test]
    public void Ends_every_line_with_NUL_under_null_separator_and_still_quotes_names()
    {
        byte[] written = Write(nullSeparator: true);

        Assert.That(Encoding.UTF8.GetString(written), Is.EqualTo(
            "# Format of each line in file statistics file:\0# Filename Changed SourceSize MirrorSize IncrementSize\0" +
            ". 1 0 0 NA\0chardev 0 0 0 NA\0fifo 1 NA 0 0\0file.txt 1 33005 33000 153\0new\\nline name 1 6 6 73\0newfile 1 10 NA 0\0back\\\\slash 0 1 1 NA\0"));
    }

    private static byte[] Write(bool nullSeparator)
    {
        using var output = new MemoryStream();
        using (var writer = new FileStatisticsWriter(output, nullSeparator, leaveOpen: true))
        {
            writer.Write(RelPath.Root, true, 0, 0, null);
            writer.Write(RelPath.FromString("chardev"), false, 0, 0, null);
            writer.Write(RelPath.FromString("fifo"), true, null, 0, 0);
            writer.Write(RelPath.FromString("file.txt"), true, 33005, 33000, 153);
            writer.Write(RelPath.FromString("new\nline name"), true, 6, 6, 73);
            writer.Write(RelPath.FromString("newfile"), true, 10, null, 0);
            writer.Write(RelPath.FromString("back\\slash"), false, 1, 1, null);
        }
        return output.ToArray();
    }
}
