using RdiffCore.Delta;
using RdiffCore.Tests.Support;

namespace RdiffCore.Tests.Delta;

public sealed class RabinKarpTests
{
    [Test]
    public void The_vector_sum_equals_Horners_rule_for_every_length()
    {
        byte[] data = Mutation.Random(5000, new Random(1));
        for (int length = 0; length <= 300; length++)
        {
            Assert.That(RabinKarp.Hash(data.AsSpan(7, length)), Is.EqualTo(RabinKarp.HashScalar(RabinKarp.Seed, data.AsSpan(7, length))), $"length {length}");
        }
        Assert.That(RabinKarp.Hash(data), Is.EqualTo(RabinKarp.HashScalar(RabinKarp.Seed, data)));
    }

    [TestCase(1)]
    [TestCase(64)]
    [TestCase(2048)]
    public void Rolling_gives_the_sum_of_each_window(int length)
    {
        byte[] data = Mutation.Random(20_000, new Random(length));
        uint power = RabinKarp.Power(length);
        uint hash = RabinKarp.Hash(data.AsSpan(0, length));
        for (int at = 1; at + length <= 3000; at++)
        {
            hash = RabinKarp.Roll(hash, data[at - 1], data[at + length - 1], power);
            Assert.That(hash, Is.EqualTo(RabinKarp.Hash(data.AsSpan(at, length))), $"window at {at}");
        }
    }

    [TestCase(1, 64)]
    [TestCase(3, 64)]
    [TestCase(4, 64)]
    [TestCase(1001, 64)]
    [TestCase(16384, 2048)]
    public void Rolling_many_at_once_gives_the_sum_of_each_window(int count, int length)
    {
        byte[] data = Mutation.Random(count + length - 1, new Random(count));
        var sums = new uint[count];

        RabinKarp.RollMany(data, length, RabinKarp.OutgoingTable(length), sums);

        for (int at = 0; at < count; at++)
        {
            Assert.That(sums[at], Is.EqualTo(RabinKarp.Hash(data.AsSpan(at, length))), $"window at {at}");
        }
    }

    [TestCase(1)]
    [TestCase(8)]
    [TestCase(9)]
    [TestCase(33)]
    [TestCase(4099)]
    public void The_eight_lane_roll_gives_the_sum_of_each_window(int count)
    {
        Assert.That(System.Runtime.Intrinsics.X86.Avx2.IsSupported, Is.True, "the build machine and CI have AVX2, which the native build requires");
        foreach (int length in new[] { 64, 2048 })
        {
            byte[] data = Mutation.Random(count + length - 1, new Random(count + length));
            var sums = new uint[count];

            RabinKarp.RollMany256(data, length, sums);

            for (int at = 0; at < count; at++)
            {
                Assert.That(sums[at], Is.EqualTo(RabinKarp.Hash(data.AsSpan(at, length))), $"window of {length} at {at}");
            }
        }
    }
}
