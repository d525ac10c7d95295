using RdiffCore.Delta;

namespace RdiffCore.Tests.Delta;

public sealed class BlockIndexTests
{
    [TestCase(0L, 64)]
    [TestCase(100_000L, 256)]
    [TestCase(4L << 20, 2048)]
    [TestCase(1L << 30, 2048)]
    [TestCase(10L << 30, 16384)]
    [TestCase(1L << 40, 1 << 20)]
    public void Block_sizes_grow_with_the_file(long length, int expected)
    {
        Assert.That(BlockIndex.ChooseBlockSize(length), Is.EqualTo(expected));
    }

    [TestCase(1L << 30)]
    [TestCase(10L << 30)]
    [TestCase(1L << 40)]
    public void The_index_of_any_file_fits_in_16_MiB(long length)
    {
        var index = new BlockIndex(BlockIndex.ChooseBlockSize(length), length);

        Assert.That(index.MemoryBytes, Is.LessThanOrEqualTo(16L << 20));
    }

    [Test]
    public void Finds_every_added_block_and_keeps_the_first_of_equal_sums()
    {
        var index = new BlockIndex(64, 64 * 10_000);
        for (int block = 0; block < 10_000; block++)
        {
            index.Add((uint)(block * 7919), (uint)block, block);
        }
        index.Add(7919, 12345, 99_999);

        for (int block = 0; block < 10_000; block++)
        {
            uint key = (uint)(block * 7919);
            Assert.That(index.MightContain(key), Is.True, "the filter never says no to an added sum");
            Assert.That(index.TryFind(key, out long found, out uint check), Is.True);
            Assert.That((found, check), Is.EqualTo(((long)block, (uint)block)));
        }
        Assert.That(index.TryFind(3, out _, out _), Is.False);
    }

    [Test]
    public void A_full_index_ignores_further_blocks_instead_of_growing()
    {
        var index = new BlockIndex(64, 64);
        long memory = index.MemoryBytes;

        for (int block = 0; block < 1000; block++)
        {
            index.Add((uint)block + 1, 0, block);
        }

        Assert.That(index.MemoryBytes, Is.EqualTo(memory));
        Assert.That(index.Count, Is.LessThan(1000));
    }
}
