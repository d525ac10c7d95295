using RdiffCli.Tests.Support;

namespace RdiffCli.Tests;

/// <summary>
/// Paths on the command line are bytes: a directory named "d\xff" (not UTF-8) given as an absolute
/// argument, as a relative one, and as the current directory, must be backed up and restored where
/// it is, with nothing written under a U+FFFD look-alike. The names are made by the shell, since a
/// .NET string cannot carry them as arguments.
/// </summary>
public sealed class NonUtf8ArgumentTests
{
    private const string Script = """
        set -e
        d=$(printf 'd\377')
        cd "$1"
        mkdir -p "$d/src/sub$(printf '\376')"
        printf 'first' > "$d/src/sub$(printf '\376')/f"
        "$2" --current-time 1700000000 backup "$1/$d/src" "$1/$d/repo"
        printf 'second' > "$d/src/sub$(printf '\376')/f"
        "$2" --current-time 1700086400 "$d/src" "$d/repo"
        "$2" restore --at 1700000000 "$1/$d/repo/sub$(printf '\376')" "$1/$d/old"
        cd "$d"
        "$2" -r now repo new
        "$2" verify repo
        test "$(cat "old/f")" = first
        test "$(cat "new/sub$(printf '\376')/f")" = second
        "$2" list increments repo | grep -c 'increments\.' > count
        test "$(cat count)" = 1
        cd "$1"
        test "$(ls | wc -l)" = 1
        test "$(ls "$d" | sort | tr '\n' ' ')" = "count new old repo src "
        """;

    [Test]
    public void Paths_that_are_not_utf8_reach_the_file_system_unchanged()
    {
        string root = Directory.CreateTempSubdirectory("rdiffsharp-bytes-").FullName;
        try
        {
            Programs.Result result = Programs.Run(root, "sh", "-c", Script, "sh", root, Programs.Rdiffsharp);
            Assert.That(result.Code, Is.Zero, result.Error + result.Output);
        }
        finally
        {
            Programs.Run(root, "rm", "-rf", root);
        }
    }
}
