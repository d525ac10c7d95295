using System.Globalization;
using RdiffCore.Platform.Posix;

namespace RdiffCore.Tests.Platform.Posix;

public sealed class NativeStatxTests
{
    [Test]
    public void MakeDev_encodes_as_glibc_does()
    {
        (uint Major, uint Minor)[] pairs = [(0, 0), (8, 1), (254, 0), (300, 70000), (0xfff, 0xff), (0x1000, 0x100), (0xfffff, 0xfffff), (0x7fffffff, 0x7fffffff)];
        string script = "import os; print(' '.join(str(os.makedev(a, b)) for a, b in ["
            + string.Join(',', pairs.Select(p => FormattableString.Invariant($"({p.Major},{p.Minor})"))) + "]))";

        string[] expected = SystemTool.Line("python3", "-c", script).Split(' ');

        Assert.That(pairs.Select(p => NativeStatx.MakeDev(p.Major, p.Minor).ToString(CultureInfo.InvariantCulture)), Is.EqualTo(expected));
    }
}
