using RdiffCore.Platform.Posix;
using RdiffCore.Tests.Support;

namespace RdiffCore.Tests.Platform.Posix;

/// <summary>Owner names against getent, the NSS command line tool.</summary>
public sealed class OwnerNamesTests
{
    [Test]
    public void Root_is_user_and_group_zero_both_ways()
    {
        var names = new OwnerNames();

        Assert.That(names.UserName(0), Is.EqualTo("root"));
        Assert.That(names.GroupName(0), Is.EqualTo("root"));
        Assert.That(names.UserId("root"), Is.EqualTo(0u));
        Assert.That(names.GroupId("root"), Is.EqualTo(0u));
    }

    [Test]
    public void Nobody_and_nogroup_are_what_getent_says()
    {
        var names = new OwnerNames();
        string[] user = SystemTool.Line("getent", "passwd", "nobody").Split(':');
        string[] group = SystemTool.Line("getent", "group", "nogroup").Split(':');

        Assert.That(names.UserId("nobody")?.ToString(System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(user[2]));
        Assert.That(names.GroupId("nogroup")?.ToString(System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(group[2]));
        Assert.That(names.UserName(uint.Parse(user[2], System.Globalization.CultureInfo.InvariantCulture)), Is.EqualTo("nobody"));
        Assert.That(names.GroupName(uint.Parse(group[2], System.Globalization.CultureInfo.InvariantCulture)), Is.EqualTo("nogroup"));
    }

    [Test]
    public void Unknown_ids_and_names_have_no_answer()
    {
        var names = new OwnerNames();
        Assume.That(ExternalTool.Run("getent", "passwd", "3999999999").ExitCode, Is.EqualTo(2), "getent: no such user");

        Assert.That(names.UserName(3_999_999_999), Is.Null);
        Assert.That(names.GroupName(3_999_999_999), Is.Null);
        Assert.That(names.UserId("no-such-user-rdiffsharp"), Is.Null);
        Assert.That(names.GroupId("no-such-group-rdiffsharp"), Is.Null);
        Assert.That(names.UserId("ro\0ot"), Is.Null, "a NUL would cut the name to 'ro'");
        Assert.That(names.UserName(3_999_999_999), Is.Null, "asked twice, from the cache");
    }

    [Test]
    public void A_buffer_that_is_too_small_grows_until_the_entry_fits()
    {
        // 8 bytes cannot hold root's passwd strings: every lookup needs several ERANGE retries.
        var names = new OwnerNames(initialBufferLength: 8);

        Assert.That(names.UserName(0), Is.EqualTo("root"));
        Assert.That(names.GroupName(0), Is.EqualTo("root"));
        Assert.That(names.UserId("nobody"), Is.EqualTo(new OwnerNames().UserId("nobody")).And.Not.Null);
        Assert.That(names.GroupId("root"), Is.EqualTo(0u));
    }
}
