using System.Text;

namespace RdiffCore.Remote;

/// <summary>Text written on the far side (an action's output or errors), sent as data frames tagged with which stream it is.</summary>
internal sealed class ChannelTextWriter(Channel channel, byte tag) : TextWriter
{
    private const int Batch = 32 << 10;
    private readonly StringBuilder _pending = new();

    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value)
    {
        _pending.Append(value);
        if (_pending.Length >= Batch)
        {
            Flush();
        }
    }

    public override void Write(string? value)
    {
        _pending.Append(value);
        if (_pending.Length >= Batch)
        {
            Flush();
        }
    }

    public override void Flush()
    {
        while (_pending.Length > 0)
        {
            int take = Math.Min(_pending.Length, Batch);
            byte[] text = Encoding.UTF8.GetBytes(_pending.ToString(0, take));
            _pending.Remove(0, take);
            channel.Write([tag, .. text], tryCompression: true);
        }
    }
}
