using RdiffCore.Delta;
using RdiffCore.Tests.Support;

namespace RdiffCore.Tests.Delta;

public sealed class SignatureAssemblerTests
{
    [TestCase(1)]
    [TestCase(7)]
    [TestCase(20)]
    [TestCase(4096)]
    public void Parts_of_any_size_give_the_signature_the_reader_gives(int partSize)
    {
        byte[] basis = Mutation.Random(100_000, new Random(4));
        var encoded = new MemoryStream();
        SignatureWriter.WriteStreamed(new MemoryStream(basis), basis.Length, 1024, encoded);
        byte[] bytes = encoded.ToArray();
        Signature read = SignatureReader.Read(new MemoryStream(bytes));

        var assembler = new SignatureAssembler(bytes.Length);
        for (int at = 0; at < bytes.Length; at += partSize)
        {
            assembler.Add(bytes.AsSpan(at, Math.Min(partSize, bytes.Length - at)));
        }
        Signature assembled = assembler.Finish();

        Assert.Multiple(() =>
        {
            Assert.That(assembled.BlockSize, Is.EqualTo(1024));
            Assert.That(assembled.BasisLength, Is.EqualTo(100_000));
            Assert.That(assembled.Seed, Is.EqualTo(read.Seed));
            Assert.That(assembled.Weak, Is.EqualTo(read.Weak));
            Assert.That(assembled.Strong, Is.EqualTo(read.Strong));
        });
    }

    [Test]
    public void A_signature_that_does_not_add_up_to_its_announced_length_is_refused()
    {
        var encoded = new MemoryStream();
        SignatureWriter.WriteStreamed(new MemoryStream(new byte[5000]), 5000, 1024, encoded);
        byte[] bytes = encoded.ToArray();

        Assert.Multiple(() =>
        {
            Assert.Throws<CorruptDeltaException>(() => new SignatureAssembler(bytes.Length + 20).Add(bytes), "more blocks announced than the header claims");
            Assert.Throws<CorruptDeltaException>(() => new SignatureAssembler(bytes.Length - 20).Add(bytes), "more bytes than announced");
            var early = new SignatureAssembler(bytes.Length);
            early.Add(bytes.AsSpan(0, bytes.Length - 1));
            Assert.Throws<CorruptDeltaException>(() => early.Finish(), "ends early");
            byte[] wrongMagic = (byte[])bytes.Clone();
            wrongMagic[0] ^= 1;
            Assert.Throws<CorruptDeltaException>(() => new SignatureAssembler(bytes.Length).Add(wrongMagic));
        });
    }
}
