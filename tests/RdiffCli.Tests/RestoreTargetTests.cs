using RdiffCli.Tests.Support;

namespace RdiffCli.Tests;

/// <summary>
/// What an existing restore target does, next to rdiff-backup 2.2.2: an empty directory is restored
/// into; a non-empty directory or a file needs --force; over a non-empty directory --force warns and
/// exits 2, over a file it warns and exits 0. The exit codes and the resulting trees must agree.
/// </summary>
public sealed class RestoreTargetTests
{
    [TestCase("empty directory", false, "../repo")]
    [TestCase("non-empty directory", false, "../repo")]
    [TestCase("non-empty directory", true, "../repo")]
    [TestCase("file", false, "../repo/docs/readme.txt")]
    [TestCase("file", true, "../repo/docs/readme.txt")]
    [TestCase("file", true, "../repo")]
    public void An_existing_target_is_treated_as_rdiff_backup_treats_it(string existing, bool force, string source)
    {
        string root = RestoreSelectionTests.Setup();
        try
        {
            var results = new Dictionary<string, (int Code, string Error, List<string> Tree)>();
            foreach ((string tool, string side) in new[] { ("rdiff-backup", "theirs"), (Programs.Rdiffsharp, "ours") })
            {
                string cwd = Path.Combine(root, side), target = Path.Combine(cwd, "target");
                if (existing == "file")
                {
                    File.WriteAllText(target, "in the way");
                }
                else
                {
                    Directory.CreateDirectory(target);
                    if (existing == "non-empty directory")
                    {
                        File.WriteAllText(Path.Combine(target, "extra"), "in the way");
                    }
                }
                Programs.Result run = Programs.Run(cwd, tool, [.. force ? new[] { "--force" } : [], "restore", source, "target"]);
                List<string> tree = File.Exists(target) ? [File.ReadAllText(target)] : RestoreSelectionTests.Tree(target);
                results[side] = (run.Code, run.Error, tree);
            }
            Assert.Multiple(() =>
            {
                Assert.That(results["ours"].Code, Is.EqualTo(results["theirs"].Code), $"rdiff-backup said: {results["theirs"].Error}; we said: {results["ours"].Error}");
                Assert.That(results["ours"].Tree, Is.EqualTo(results["theirs"].Tree));
                if (results["theirs"].Error.Contains("WARNING: Target path", StringComparison.Ordinal))
                {
                    Assert.That(results["ours"].Error, Does.Contain("Target path"), "the overwrite is announced");
                }
                if (results["ours"].Code == ExitCodes.Fatal)
                {
                    Assert.That(results["ours"].Error.Trim().Split('\n'), Has.Length.EqualTo(1).And.Some.Contain("--force"));
                }
            });
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
