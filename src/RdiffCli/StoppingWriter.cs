namespace RdiffCli;

/// <summary>
/// The output of the actions that only print (list, calculate, status): each write is a safe point,
/// so a signal stops a long listing at the next line.
/// </summary>
internal sealed class StoppingWriter(TextWriter inner, CancellationToken stop) : TextWriter
{
    public override System.Text.Encoding Encoding => inner.Encoding;

    public override void Write(char value)
    {
        stop.ThrowIfCancellationRequested();
        inner.Write(value);
    }

    public override void Write(string? value)
    {
        stop.ThrowIfCancellationRequested();
        inner.Write(value);
    }

    public override void WriteLine(string? value)
    {
        stop.ThrowIfCancellationRequested();
        inner.WriteLine(value);
    }

    public override void Flush() => inner.Flush();
}
