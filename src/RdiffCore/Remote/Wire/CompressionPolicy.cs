using System.Diagnostics;

namespace RdiffCore.Remote.Wire;

/// <summary>
/// Whether compressing the next frame pays: it does when the time it saves on the wire (the bytes
/// it removes, at the rate the pipe has been taking bytes) is more than the time compressing takes.
/// On a fast link (loopback, a LAN) zstd would be the bottleneck and is left out; on a slow one it
/// is used. Both rates and the ratio are measured as the connection goes (averages over recent
/// frames), and one eligible frame in sixteen is compressed anyway to keep them current.
/// </summary>
internal sealed class CompressionPolicy
{
    private const int ProbeEvery = 16;
    private const double Weight = 0.2;
    private double _compressTicksPerByte = -1;
    private double _wireTicksPerByte = -1;
    private double _ratio = -1;
    private int _eligible;

    /// <summary>Whether to compress an eligible frame now.</summary>
    public bool ShouldTry()
    {
        _eligible++;
        if (_compressTicksPerByte < 0 || _wireTicksPerByte < 0 || _ratio < 0 || _eligible % ProbeEvery == 0)
        {
            return true;
        }
        return _wireTicksPerByte * (1 - _ratio) > _compressTicksPerByte;
    }

    /// <summary>Compressing <paramref name="input"/> bytes into <paramref name="output"/> took <paramref name="ticks"/>.</summary>
    public void Compressed(int input, int output, long ticks)
    {
        _compressTicksPerByte = Average(_compressTicksPerByte, (double)ticks / input);
        _ratio = Average(_ratio, Math.Min(1.0, (double)output / input));
    }

    /// <summary>Writing <paramref name="bytes"/> to the pipe (and flushing them) took <paramref name="ticks"/>.</summary>
    public void Wrote(int bytes, long ticks) => _wireTicksPerByte = Average(_wireTicksPerByte, (double)ticks / bytes);

    /// <summary>Now, in <see cref="Stopwatch"/> ticks.</summary>
    public static long Now => Stopwatch.GetTimestamp();

    private static double Average(double current, double sample) => current < 0 ? sample : current + (Weight * (sample - current));
}
