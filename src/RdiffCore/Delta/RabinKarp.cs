using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace RdiffCore.Delta;

/// <summary>
/// librsync's RabinKarp rolling sum: for a window b0..b(n-1), seed·M^n + Σ b_i·M^(n-1-i) mod 2^32,
/// with librsync's multiplier and seed so that values match its RK signatures. Rolling one byte is
/// O(1); a whole block is a dot product with powers of M, computed with vectors.
/// </summary>
internal static class RabinKarp
{
    public const uint Multiplier = 0x08104225;
    public const uint Seed = 1;
    public const uint Adjust = (Multiplier - 1) * Seed;

    // M^(31-i) for byte i of a 32-byte step, in four vectors of eight lanes; likewise for 64 bytes.
    private static readonly Vector256<uint>[] s_weights256 = BuildWeights256();
    private static readonly Vector512<uint>[] s_weights512 = BuildWeights512();
    private static readonly uint s_m32 = Power(32);
    private static readonly uint s_m64 = Power(64);
    // M^1 … M^16, one per lane.
    private static readonly Vector512<uint> s_ramp512 = Vector512.Create<uint>([.. Enumerable.Range(1, 16).Select(t => Power(t))]);
    // M^1 … M^8, and for the eight-lane scan: lane t takes lane t-k, and the first k lanes are cleared.
    private static readonly Vector256<uint> s_ramp256 = Vector256.Create<uint>([.. Enumerable.Range(1, 8).Select(t => Power(t))]);
    private static readonly Vector256<uint>[] s_up256 = [.. new[] { 1, 2, 4 }.Select(k => Vector256.Create<uint>([.. Enumerable.Range(0, 8).Select(t => (uint)Math.Max(0, t - k))]))];
    private static readonly Vector256<uint>[] s_keep256 = [.. new[] { 1, 2, 4 }.Select(k => Vector256.Create<uint>([.. Enumerable.Range(0, 8).Select(t => t < k ? 0u : uint.MaxValue)]))];

    /// <summary>M^n mod 2^32.</summary>
    public static uint Power(long n)
    {
        uint result = 1, factor = Multiplier;
        while (n > 0)
        {
            if ((n & 1) != 0)
            {
                result *= factor;
            }
            factor *= factor;
            n >>= 1;
        }
        return result;
    }

    /// <summary>Moves the window one byte: drop <paramref name="outByte"/>, take <paramref name="inByte"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Roll(uint hash, byte outByte, byte inByte, uint powerOfLength)
        => (hash * Multiplier) + inByte - (powerOfLength * (outByte + Adjust));

    /// <summary>The term a byte leaving a window of length n takes away: M^n·(byte + ADJ), for each byte value.</summary>
    public static uint[] OutgoingTable(int length)
    {
        uint power = Power(length);
        var table = new uint[256];
        for (int i = 0; i < 256; i++)
        {
            table[i] = power * ((uint)i + Adjust);
        }
        return table;
    }

    /// <summary>
    /// The sums of the windows of <paramref name="length"/> bytes starting at each of the first
    /// sums.Length positions of <paramref name="bytes"/>, which holds sums.Length + length - 1 bytes.
    /// Four independent chains roll through the four quarters at once, so the multiplies overlap.
    /// </summary>
    public static void RollMany(ReadOnlySpan<byte> bytes, int length, uint[] outgoing, Span<uint> sums)
    {
        int count = sums.Length;
        if (bytes.Length != count + length - 1 || outgoing.Length != 256)
        {
            throw new ArgumentException("The bytes must cover exactly the windows.", nameof(bytes));
        }
        if (Avx512F.IsSupported && count >= 64)
        {
            RollMany512(bytes, length, sums);
            return;
        }
        if (Avx2.IsSupported && count >= 32)
        {
            RollMany256(bytes, length, sums);
            return;
        }
        int quarter = count / 4;
        ref byte b = ref MemoryMarshal.GetReference(bytes);
        ref uint s = ref MemoryMarshal.GetReference(sums);
        ref uint t = ref MemoryArrayStart(outgoing);
        if (quarter > 0)
        {
            uint h0 = Hash(bytes.Slice(0, length));
            uint h1 = Hash(bytes.Slice(quarter, length));
            uint h2 = Hash(bytes.Slice(2 * quarter, length));
            uint h3 = Hash(bytes.Slice(3 * quarter, length));
            ref byte b1 = ref Unsafe.Add(ref b, quarter);
            ref byte b2 = ref Unsafe.Add(ref b, 2 * quarter);
            ref byte b3 = ref Unsafe.Add(ref b, 3 * quarter);
            ref uint s1 = ref Unsafe.Add(ref s, quarter);
            ref uint s2 = ref Unsafe.Add(ref s, 2 * quarter);
            ref uint s3 = ref Unsafe.Add(ref s, 3 * quarter);
            for (int i = 0; i < quarter; i++)
            {
                Unsafe.Add(ref s, i) = h0;
                Unsafe.Add(ref s1, i) = h1;
                Unsafe.Add(ref s2, i) = h2;
                Unsafe.Add(ref s3, i) = h3;
                h0 = (h0 * Multiplier) + Unsafe.Add(ref b, i + length) - Unsafe.Add(ref t, Unsafe.Add(ref b, i));
                h1 = (h1 * Multiplier) + Unsafe.Add(ref b1, i + length) - Unsafe.Add(ref t, Unsafe.Add(ref b1, i));
                h2 = (h2 * Multiplier) + Unsafe.Add(ref b2, i + length) - Unsafe.Add(ref t, Unsafe.Add(ref b2, i));
                h3 = (h3 * Multiplier) + Unsafe.Add(ref b3, i + length) - Unsafe.Add(ref t, Unsafe.Add(ref b3, i));
            }
        }
        // The few positions past the last full quarter.
        int rest = 4 * quarter;
        if (rest < count)
        {
            uint h = Hash(bytes.Slice(rest, length));
            for (int i = rest; ; i++)
            {
                Unsafe.Add(ref s, i) = h;
                if (i == count - 1)
                {
                    break;
                }
                h = (h * Multiplier) + Unsafe.Add(ref b, i + length) - Unsafe.Add(ref t, Unsafe.Add(ref b, i));
            }
        }
    }

    // Sixteen windows a step. With d_j = in_j - M^n·(out_j + ADJ), each sum is the one before times
    // M plus d_j, so the sums after h are M^(t+1)·h + X_t, X being the prefix scan
    // X_t = Σ_{s≤t} M^(t-s)·d_s, done inside the vector in four shift-multiply-add steps. Only one
    // multiply per sixteen bytes stays on the serial chain. Exact mod 2^32, like the scalar roll.
    private static void RollMany512(ReadOnlySpan<byte> bytes, int length, Span<uint> sums)
    {
        int count = sums.Length;
        ref byte b = ref MemoryMarshal.GetReference(bytes);
        ref uint s = ref MemoryMarshal.GetReference(sums);
        Vector512<uint> power = Vector512.Create(Power(length));
        Vector512<uint> adjust = Vector512.Create(Adjust);
        Vector512<uint> m1 = Vector512.Create(Multiplier), m2 = Vector512.Create(Power(2));
        Vector512<uint> m4 = Vector512.Create(Power(4)), m8 = Vector512.Create(Power(8));
        Vector512<uint> ramp = s_ramp512;
        uint h = Hash(bytes[..length]);
        s = h;
        int i = 0;
        // Each step writes sums i+1..i+16.
        for (; i + 16 < count; i += 16)
        {
            Vector512<uint> incoming = Avx512F.ConvertToVector512UInt32(Vector128.LoadUnsafe(ref b, (nuint)(i + length)));
            Vector512<uint> outgoing = Avx512F.ConvertToVector512UInt32(Vector128.LoadUnsafe(ref b, (nuint)i));
            Vector512<uint> x = incoming - (power * (outgoing + adjust));
            x += m1 * Avx512F.AlignRight32(x, Vector512<uint>.Zero, 15);
            x += m2 * Avx512F.AlignRight32(x, Vector512<uint>.Zero, 14);
            x += m4 * Avx512F.AlignRight32(x, Vector512<uint>.Zero, 12);
            x += m8 * Avx512F.AlignRight32(x, Vector512<uint>.Zero, 8);
            Vector512<uint> next = (ramp * Vector512.Create(h)) + x;
            next.StoreUnsafe(ref s, (nuint)(i + 1));
            h = next.GetElement(15);
        }
        RollRest(ref b, ref s, i, count, length, h);
    }

    // The same with eight windows a step, for AVX2 (x86-64-v3, what the native build targets): the
    // prefix scan in three permute-mask-multiply-add steps.
    internal static void RollMany256(ReadOnlySpan<byte> bytes, int length, Span<uint> sums)
    {
        int count = sums.Length;
        ref byte b = ref MemoryMarshal.GetReference(bytes);
        ref uint s = ref MemoryMarshal.GetReference(sums);
        Vector256<uint> power = Vector256.Create(Power(length));
        Vector256<uint> adjust = Vector256.Create(Adjust);
        Vector256<uint> m1 = Vector256.Create(Multiplier), m2 = Vector256.Create(Power(2)), m4 = Vector256.Create(Power(4));
        Vector256<uint> up1 = s_up256[0], up2 = s_up256[1], up4 = s_up256[2];
        Vector256<uint> keep1 = s_keep256[0], keep2 = s_keep256[1], keep4 = s_keep256[2];
        Vector256<uint> ramp = s_ramp256;
        uint h = Hash(bytes[..length]);
        s = h;
        int i = 0;
        // Each step writes sums i+1..i+8, from eight incoming and eight outgoing bytes.
        for (; i + 8 < count; i += 8)
        {
            Vector256<uint> incoming = Widen(ref Unsafe.Add(ref b, i + length));
            Vector256<uint> outgoing = Widen(ref Unsafe.Add(ref b, i));
            Vector256<uint> x = incoming - (power * (outgoing + adjust));
            x += m1 * (Avx2.PermuteVar8x32(x, up1) & keep1);
            x += m2 * (Avx2.PermuteVar8x32(x, up2) & keep2);
            x += m4 * (Avx2.PermuteVar8x32(x, up4) & keep4);
            Vector256<uint> next = (ramp * Vector256.Create(h)) + x;
            next.StoreUnsafe(ref s, (nuint)(i + 1));
            h = next.GetElement(7);
        }
        RollRest(ref b, ref s, i, count, length, h);
    }

    // The vector forms' last few sums, one byte at a time from sum i (= h) on.
    private static void RollRest(ref byte b, ref uint s, int i, int count, int length, uint h)
    {
        uint power = Power(length);
        for (; i < count - 1; i++)
        {
            h = (h * Multiplier) + Unsafe.Add(ref b, i + length) - (power * (Unsafe.Add(ref b, i) + Adjust));
            Unsafe.Add(ref s, i + 1) = h;
        }
    }

    // Eight bytes, exactly, zero-extended to eight lanes.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<uint> Widen(ref byte at) =>
        Avx2.ConvertToVector256Int32(Vector128.CreateScalarUnsafe(Unsafe.ReadUnaligned<ulong>(ref at)).AsByte()).AsUInt32();

    private static ref uint MemoryArrayStart(uint[] array) => ref MemoryMarshal.GetArrayDataReference(array);

    /// <summary>The sum of a whole window.</summary>
    public static uint Hash(ReadOnlySpan<byte> window)
    {
        int head = Vector512.IsHardwareAccelerated ? window.Length & 63
            : Vector256.IsHardwareAccelerated ? window.Length & 31
            : window.Length;
        uint hash = HashScalar(Seed, window[..head]);
        ReadOnlySpan<byte> rest = window[head..];
        if (rest.IsEmpty)
        {
            return hash;
        }
        uint dot = Vector512.IsHardwareAccelerated ? DotWithPowers512(rest) : DotWithPowers256(rest);
        return (hash * Power(rest.Length)) + dot;
    }

    /// <summary>Horner's rule, two bytes a step to halve the multiply chain.</summary>
    internal static uint HashScalar(uint hash, ReadOnlySpan<byte> bytes)
    {
        const uint m2 = unchecked(Multiplier * Multiplier);
        int i = 0;
        for (; i + 1 < bytes.Length; i += 2)
        {
            hash = (hash * m2) + (bytes[i] * Multiplier) + bytes[i + 1];
        }
        if (i < bytes.Length)
        {
            hash = (hash * Multiplier) + bytes[i];
        }
        return hash;
    }

    // Σ b_i·M^(L-1-i) for L a multiple of 32: four accumulators of eight lanes, each multiplied by
    // M^32 per step, then weighted by the power of M its lane stands for.
    private static uint DotWithPowers256(ReadOnlySpan<byte> bytes)
    {
        var m32 = Vector256.Create(s_m32);
        Vector256<uint> a0 = default, a1 = default, a2 = default, a3 = default;
        ref byte start = ref MemoryMarshal.GetReference(bytes);
        for (int i = 0; i < bytes.Length; i += 32)
        {
            Vector256<byte> v = Vector256.LoadUnsafe(ref start, (nuint)i);
            Vector256<ushort> low = Vector256.WidenLower(v);
            Vector256<ushort> high = Vector256.WidenUpper(v);
            a0 = (a0 * m32) + Vector256.WidenLower(low);
            a1 = (a1 * m32) + Vector256.WidenUpper(low);
            a2 = (a2 * m32) + Vector256.WidenLower(high);
            a3 = (a3 * m32) + Vector256.WidenUpper(high);
        }
        Vector256<uint>[] w = s_weights256;
        return Vector256.Sum((a0 * w[0]) + (a1 * w[1]) + (a2 * w[2]) + (a3 * w[3]));
    }

    private static uint DotWithPowers512(ReadOnlySpan<byte> bytes)
    {
        var m64 = Vector512.Create(s_m64);
        Vector512<uint> a0 = default, a1 = default, a2 = default, a3 = default;
        ref byte start = ref MemoryMarshal.GetReference(bytes);
        for (int i = 0; i < bytes.Length; i += 64)
        {
            Vector512<byte> v = Vector512.LoadUnsafe(ref start, (nuint)i);
            Vector512<ushort> low = Vector512.WidenLower(v);
            Vector512<ushort> high = Vector512.WidenUpper(v);
            a0 = (a0 * m64) + Vector512.WidenLower(low);
            a1 = (a1 * m64) + Vector512.WidenUpper(low);
            a2 = (a2 * m64) + Vector512.WidenLower(high);
            a3 = (a3 * m64) + Vector512.WidenUpper(high);
        }
        Vector512<uint>[] w = s_weights512;
        return Vector512.Sum((a0 * w[0]) + (a1 * w[1]) + (a2 * w[2]) + (a3 * w[3]));
    }

    private static Vector512<uint>[] BuildWeights512() =>
        [.. Enumerable.Range(0, 4).Select(v => Vector512.Create<uint>(PowersDown(63 - (16 * v), 16)))];

    private static Vector256<uint>[] BuildWeights256() =>
        [.. Enumerable.Range(0, 4).Select(v => Vector256.Create<uint>(PowersDown(31 - (8 * v), 8)))];

    // M^top, M^(top-1), …: the weight of each lane of a step.
    private static uint[] PowersDown(int top, int count) => [.. Enumerable.Range(0, count).Select(l => Power(top - l))];
}
