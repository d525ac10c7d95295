using Microsoft.Win32.SafeHandles;
using RdiffCore.Delta;
using RdiffCore.Tests.Support;

namespace RdiffCore.Tests.Delta;

/// <summary>Phase A's runs: where they are found, that their bytes agree, and when following stops.</summary>
public sealed class DiagonalFollowerTests
{
    [Test]
    public void Runs_cover_a_file_with_local_edits_and_every_run_is_equal_bytes()
    {
        var random = new Random(3);
        byte[] old = Mutation.Random(6 << 20, random);
        byte[] @new = (byte[])old.Clone();
        for (int i = 0; i < 50; i++)
        {
            random.NextBytes(@new.AsSpan(10_000 + (i * 120_011), 1024));
        }
        // A 4 KiB insertion and a 10 KiB deletion move the alignment both ways.
        @new = [.. @new[..777_777], .. Mutation.Random(4096, random), .. @new[777_777..(3 << 20)], .. @new[((3 << 20) + 10_240)..]];

        IReadOnlyList<Match> runs = Follow(old, @new, 2048);

        Assert.Multiple(() =>
        {
            Assert.That(runs.Sum(r => r.Length), Is.GreaterThan(old.Length - 10_240 - (50 * 1024) - 4096), "all but the edited bytes");
            for (int i = 0; i < runs.Count; i++)
            {
                Match run = runs[i];
                Assert.That(old.AsSpan((int)run.OldStart, (int)run.Length).SequenceEqual(@new.AsSpan((int)run.NewStart, (int)run.Length)), Is.True, $"run {i}");
                if (i > 0)
                {
                    Assert.That(run.OldStart, Is.GreaterThanOrEqualTo(runs[i - 1].OldEnd), "old offsets increase");
                    Assert.That(run.NewStart, Is.GreaterThanOrEqualTo(runs[i - 1].NewStart + runs[i - 1].Length), "new offsets increase");
                }
            }
        });
    }

    [Test]
    public void Unrelated_data_is_given_up_after_a_few_searches()
    {
        var random = new Random(4);
        byte[] old = Mutation.Random(4 << 20, random);
        byte[] @new = Mutation.Random(4 << 20, random);

        Assert.That(Follow(old, @new, 2048), Is.Empty);
    }

    [Test]
    public void A_run_never_crosses_the_end_of_either_file()
    {
        var random = new Random(5);
        byte[] old = Mutation.Random(100_000, random);
        byte[] longer = [.. old, .. Mutation.Random(50_000, random)];
        byte[] shorter = old[..60_000];

        Assert.Multiple(() =>
        {
            Assert.That(Follow(old, longer, 256), Is.EqualTo(new[] { new Match(0, 0, old.Length) }));
            Assert.That(Follow(old, shorter, 256), Is.EqualTo(new[] { new Match(0, 0, shorter.Length) }));
        });
    }

    // Feeds the new data in 1 MiB chunks, as the copier does.
    private static IReadOnlyList<Match> Follow(byte[] old, byte[] @new, int blockSize)
    {
        using var directory = new TempDirectory();
        string oldPath = directory.Write("old", old);
        using SafeFileHandle handle = File.OpenHandle(oldPath);
        using var follower = new DiagonalFollower(handle, old.Length, blockSize);
        for (int at = 0; at < @new.Length; at += 1 << 20)
        {
            follower.Follow(@new.AsSpan(at, Math.Min(1 << 20, @new.Length - at)), at);
        }
        follower.Finish(@new.Length);
        return [.. follower.Runs];
    }
}
