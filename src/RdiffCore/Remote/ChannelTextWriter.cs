using System.Text;

namespace RdiffCore.Remote;

/// <summary>
/// Text written on the far side (an action's output or errors), sent as data frames tagged with which
/// stream it is, whole lines at a time, each passed through <paramref name="show"/> (which puts the
/// client's path where the action wrote the one it was given).
/// </summary>
internal sealed class ChannelTextWriter(Channel channel, byte tag, Func<string, string> show) : TextWriter
{
    private const int Batch = 32 << 10;
    private readonly StringBuilder _pending = new();

    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value)
    {
        _pending.Append(value);
        if (_pending.Length >= Batch)
        {
            Send(lines: true);
        }
    }

    public override void Write(string? value)
    {
        _pending.Append(value);
        if (_pending.Length >= Batch)
        {
            Send(lines: true);
        }
    }

    public override void Flush() => Send(lines: false);

    private void Send(bool lines)
    {
        string pending = _pending.ToString();
        // A line is shown whole, so that a path is never cut in two; a line longer than four batches goes as it is.
        int end = lines && pending.Length < 4 * Batch ? pending.LastIndexOf('\n') + 1 : pending.Length;
        string text = show(pending[..end]);
        _pending.Remove(0, end);
        for (int at = 0; at < text.Length; at += Batch)
        {
            channel.Write([tag, .. Encoding.UTF8.GetBytes(text.Substring(at, Math.Min(Batch, text.Length - at)))], tryCompression: true);
        }
    }
}
