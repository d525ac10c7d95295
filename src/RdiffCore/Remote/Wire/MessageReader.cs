using System.Text;

namespace RdiffCore.Remote.Wire;

/// <summary>
/// Reads one message payload written by <see cref="MessageWriter"/>. Every field is checked against
/// what is left of the payload: a message that lies about a length is a protocol error, never an
/// allocation or a read past its end.
/// </summary>
internal ref struct MessageReader
{
    private readonly string _peer;
    private readonly int _length;
    private ReadOnlySpan<byte> _rest;

    public MessageReader(ReadOnlySpan<byte> payload, string peer)
    {
        _rest = payload;
        _length = payload.Length;
        _peer = peer;
    }

    /// <summary>How many bytes of the payload have been read (to slice a field out of the payload's memory without a copy).</summary>
    public readonly int Consumed => _length - _rest.Length;

    /// <summary>Whether every field was read.</summary>
    public readonly bool AtEnd => _rest.IsEmpty;

    public ulong Number()
    {
        ulong value = 0;
        for (int shift = 0; shift < 64; shift += 7)
        {
            if (_rest.IsEmpty)
            {
                throw Broken("a number is cut short");
            }
            byte next = _rest[0];
            _rest = _rest[1..];
            value |= (ulong)(next & 0x7f) << shift;
            if (next < 0x80)
            {
                return value;
            }
        }
        throw Broken("a number runs over 64 bits");
    }

    public ReadOnlySpan<byte> Bytes()
    {
        ulong length = Number();
        if (length > (ulong)_rest.Length)
        {
            throw Broken($"a field of {length} bytes is longer than the {_rest.Length} left");
        }
        ReadOnlySpan<byte> value = _rest[..(int)length];
        _rest = _rest[(int)length..];
        return value;
    }

    public string Text() => Encoding.UTF8.GetString(Bytes());

    /// <summary>A time written by <see cref="MessageWriter.Time"/>.</summary>
    public long Time() => (long)(Number() - (1UL << 63));

    /// <summary>The fields <see cref="MessageWriter"/>'s Optional forms write: null when no value follows.</summary>
    public byte[]? OptionalBytes() => Present() ? Bytes().ToArray() : null;

    public string? OptionalText() => Present() ? Text() : null;

    public long? OptionalTime() => Present() ? Time() : null;

    private bool Present() => Number() switch
    {
        0 => false,
        1 => true,
        _ => throw Broken("an optional field's flag is neither 0 nor 1"),
    };

    /// <summary>Refuses fields the message should not have.</summary>
    public readonly void End()
    {
        if (!_rest.IsEmpty)
        {
            throw Broken($"{_rest.Length} bytes follow the last field");
        }
    }

    private readonly ProtocolException Broken(string what) => new($"{_peer} sent a malformed message ({what}); the connection was closed");
}
