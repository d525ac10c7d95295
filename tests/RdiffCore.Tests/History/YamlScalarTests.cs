using System.Text;
using System.Text.Json;
using RdiffCore.History;
using RdiffCore.Tests.Support;

namespace RdiffCore.Tests.History;

/// <summary>A list of "path"/"reason" mappings (compare --parsable-output) written as PyYAML's safe_dump writes it, long lines folded alike.</summary>
public sealed class YamlScalarTests
{
    private const string Script = """
        import sys, json, yaml
        paths = json.loads(sys.stdin.read())
        sys.stdout.write(yaml.safe_dump([{"reason": "metadata changed, data changed", "path": p} for p in paths], explicit_start=True, explicit_end=True))
        """;

    [Test]
    public void Long_and_quoted_values_fold_as_pyyaml_folds_them()
    {
        string words = string.Concat(Enumerable.Range(0, 30).Select(i => $"word{i} "));
        var paths = new List<string>
        {
            "short", "yes", "dir/with spaces", "x" + new string('y', 150),
            "dir with spaces/" + words + "end", words.TrimEnd(), "two  spaces " + words + " x",
            "it's a " + words, "new: " + words, "'quoted' " + words + "'", "#" + words,
            "é " + words, "\uFFFDraw " + words + "\ttab", "\"quote\\ " + words, "é" + new string('z', 120) + " \u00e8 end",
            new string('a', 70) + "é" + new string(' ', 3) + "b " + new string('c', 20), new string(' ', 90) + "x",
        };
        for (int length = 60; length < 100; length += 3)
        {
            paths.Add(new string('p', length) + " q r " + new string('s', 30) + " t");
            paths.Add("é" + new string('p', length) + " q r " + new string('s', 30) + " t");
        }
        // And strings drawn from words, runs of spaces, quotes, colons, hashes and non-ASCII letters.
        var random = new Random(12);
        string[] pieces = ["word", "longerword", " ", "  ", "'", "\"", ": ", " #", "é", "\t", "-", "x"];
        for (int i = 0; i < 400; i++)
        {
            paths.Add(string.Concat(Enumerable.Range(0, random.Next(1, 60)).Select(_ => pieces[random.Next(pieces.Length)])));
        }
        string theirs = RdiffBackupOracle.RunPython(Script, JsonSerializer.Serialize(paths));
        var ours = new StringBuilder("---\n");
        foreach (string path in paths)
        {
            ours.Append("- path:").Append(YamlScalar.FormatValue(path, 7, 4)).Append('\n')
                .Append("  reason:").Append(YamlScalar.FormatValue("metadata changed, data changed", 9, 4)).Append('\n');
        }
        ours.Append("...\n");
        Assert.That(ours.ToString(), Is.EqualTo(theirs));
        Assert.That(theirs, Does.Contain("\n    "), "a test that can fail: some lines are folded");
    }
}
