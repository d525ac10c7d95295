using RdiffCli.Tests.Support;

namespace RdiffCli.Tests;

/// <summary>`calculate --method average` against rdiff-backup 2.2.2: the same text byte for byte.</summary>
public sealed class CalculateCommandTests
{
    [Test]
    public void Averages_print_as_rdiff_backup_prints_them()
    {
        string root = Directory.CreateTempSubdirectory("rdiffsharp-calculate-").FullName;
        try
        {
            // Whole and fractional values, a float exponent, rounding of half bytes, a field missing from one file.
            File.WriteAllText(Path.Combine(root, "s1"), "ElapsedTime 0.5\nSourceFiles 3\nSourceFileSize 1500000\nNewFileSize 1\nChangedSourceSize 2\n"
                + "IncrementFileSize 3\nDeletedFileSize 4\nChangedMirrorSize 5.5\nMirrorFiles 7\nErrors 3\n");
            File.WriteAllText(Path.Combine(root, "s2"), "ElapsedTime 1.25\nSourceFiles 4\nSourceFileSize 2\nNewFileSize 0\nChangedSourceSize 0\n"
                + "IncrementFileSize 1e20\nDeletedFileSize 0\nChangedMirrorSize 0\nErrors 0\n");
            ListCommandTests.BuildRepository(root, Programs.Rdiffsharp);
            string[] sessions = [.. Directory.GetFiles(Path.Combine(root, "repo", "rdiff-backup-data"), "session_statistics.*").Order()];
            string[][] commands =
            [
                ["calculate", "s1", "s2"],
                ["calculate", "--method", "average", "s2"],
                ["--calculate-average", "s1"],
                ["calculate", .. sessions],
                ["--calculate-average", .. sessions[..2]],
            ];
            foreach (string[] command in commands)
            {
                Programs.Result expected = Programs.Succeed(root, "rdiff-backup", command);
                Programs.Result actual = Programs.Run(root, Programs.Rdiffsharp, command);
                Assert.That(actual.Output, Is.EqualTo(expected.Output), string.Join(' ', command));
                Assert.That(actual.Code, Is.Zero, actual.Error);
            }
            Programs.Result bad = Programs.Run(root, Programs.Rdiffsharp, "calculate", "src/a");
            Assert.That(bad.Code, Is.EqualTo(ExitCodes.Fatal));
            Assert.That(bad.Error.TrimEnd('\n').Split('\n'), Has.Length.EqualTo(1), bad.Error);
        }
        finally
        {
            Programs.Succeed("/", "rm", "-rf", root);
        }
    }
}
