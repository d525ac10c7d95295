using System.Reflection;
using System.Text.RegularExpressions;

namespace RdiffCli.Tests.Hostile;

/// <summary>The exit codes the code returns, `--help`'s table and the man page's EXIT STATUS list the same codes.</summary>
public sealed partial class ExitCodeDocumentationTests
{
    [Test]
    public void The_man_page_lists_exactly_the_codes_of_the_table_and_every_constant()
    {
        string manPage = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "rdiffsharp.1"));
        string section = manPage[manPage.IndexOf(".SH EXIT STATUS", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("\n.SH ", 1, StringComparison.Ordinal)];
        int[] manCodes = [.. ManCode().Matches(section).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))];
        int[] tableCodes = [.. TableCode().Matches(ExitCodes.Table).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))];
        int[] constants = [.. typeof(ExitCodes).GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(int)).Select(f => (int)f.GetRawConstantValue()!).Distinct()];

        Assert.That(manCodes, Is.Ordered.And.Unique);
        Assert.That(manCodes, Is.EqualTo(tableCodes), "the man page and --help list the same codes");
        Assert.That(constants, Is.SubsetOf(tableCodes), "every code the program returns is documented");
        // The sums the commands return (file errors | warning), documented too.
        int[] sums = [ExitCodes.FileErrors | ExitCodes.Warning, ExitCodes.FileErrors | ExitCodes.FileWarnings];
        Assert.That(sums.Append(ExitCodes.Stopped), Is.SubsetOf(tableCodes));
        Assert.That(tableCodes.Except(constants).Except(sums), Is.Empty, "no code is documented that nothing returns");
    }

    [GeneratedRegex(@"^\.B (\d+)$", RegexOptions.Multiline)]
    private static partial Regex ManCode();

    [GeneratedRegex(@"^\s+(\d+)  ", RegexOptions.Multiline)]
    private static partial Regex TableCode();

    private static string RepositoryRoot()
    {
        DirectoryInfo? directory = new(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "RdiffSharp.sln")))
        {
            directory = directory.Parent;
        }
        return directory?.FullName ?? throw new InvalidOperationException("RdiffSharp.sln not found above the test binaries");
    }
}
