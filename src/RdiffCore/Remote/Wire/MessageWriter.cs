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

    /// <summary>Starts the next payload in the same buffer.</summary>
    public void Clear() => _buffer.Clear();
}
