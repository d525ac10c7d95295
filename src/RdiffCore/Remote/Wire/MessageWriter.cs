using System.Buffers;
using System.Text;

namespace RdiffCore.Remote.Wire;

/// <summary>
/// Builds one message payload: unsigned LEB128 integers and length-prefixed byte strings, in the
/// order the call defines (protocol.md "Calls").
/// </summary>
internal sealed class MessageWriter
{
    private readonly ArrayBufferWriter<byte> _buffer = new();

    /// <summary>The payload so far.</summary>
    public ReadOnlySpan<byte> Payload => _buffer.WrittenSpan;

    public MessageWriter Number(ulong value)
    {
        while (value >= 0x80)
        {
            _buffer.Write([(byte)(value | 0x80)]);
            value >>= 7;
        }
        _buffer.Write([(byte)value]);
        return this;
    }

    public MessageWriter Bytes(ReadOnlySpan<byte> value)
    {
        Number((ulong)value.Length);
        _buffer.Write(value);
        return this;
    }

    public MessageWriter Text(string value) => Bytes(Encoding.UTF8.GetBytes(value));

    /// <summary>A signed time (epoch seconds), offset by 2^63 so that it is a number.</summary>
    public MessageWriter Time(long value) => Number((ulong)value + (1UL << 63));

    /// <summary>Whether a value follows (0 or 1), then the value if there is one.</summary>
    public MessageWriter Optional(byte[]? value) => value is null ? Number(0) : Number(1).Bytes(value);

    public MessageWriter Optional(string? value) => value is null ? Number(0) : Number(1).Text(value);

    public MessageWriter Optional(long? time) => time is long value ? Number(1).Time(value) : Number(0);

    /// <summary>Starts the next payload in the same buffer.</summary>
    public void Clear() => _buffer.Clear();
}
