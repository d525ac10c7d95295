using System.Text;
using RdiffCore.Model;

namespace RdiffCore.Tests.Model;

public sealed class RelPathNameTests
{
    [TestCase("a")]
    [TestCase("...")]
    [TestCase(".hidden")]
    [TestCase("a..b")]
    [TestCase("new\nline")]
    [TestCase(" ")]
    public void Accepts_any_single_name(string name) =>
        Assert.That(RelPath.IsValidName(Encoding.UTF8.GetBytes(name)), Is.True);

    [TestCase("")]
    [TestCase(".")]
    [TestCase("..")]
    [TestCase("a/b")]
    [TestCase("/")]
    [TestCase("a\0b")]
    public void Rejects_what_would_leave_its_directory(string name) =>
        Assert.That(RelPath.IsValidName(Encoding.UTF8.GetBytes(name)), Is.False);

    [TestCase(".", "")]
    [TestCase("a", "a")]
    [TestCase("a/b/c", "a/b/c")]
    [TestCase("d/.x/...", "d/.x/...")]
    public void Reads_recorded_paths(string recorded, string expected)
    {
        Assert.That(RelPath.TryFromRecorded(Encoding.UTF8.GetBytes(recorded), out RelPath path), Is.True);
        Assert.That(Encoding.UTF8.GetString(path.Bytes), Is.EqualTo(expected));
    }

    [TestCase("")]
    [TestCase("/")]
    [TestCase("/etc")]
    [TestCase("..")]
    [TestCase("../x")]
    [TestCase("a/..")]
    [TestCase("a/../../b")]
    [TestCase("a/./b")]
    [TestCase("a//b")]
    [TestCase("a/")]
    [TestCase("./a")]
    [TestCase("a\0")]
    public void Refuses_recorded_paths_that_are_not_names_joined_by_slashes(string recorded) =>
        Assert.That(RelPath.TryFromRecorded(Encoding.UTF8.GetBytes(recorded), out _), Is.False);
}
