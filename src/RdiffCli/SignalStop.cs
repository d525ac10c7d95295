using System.Runtime.InteropServices;

namespace RdiffCli;

/// <summary>
/// SIGINT and SIGTERM as a request to stop: the first one cancels <see cref="Token"/>, which the
/// running action checks at its safe points (a backup between entries, a restore between files);
/// a second one is left to the default action, which kills the process at once.
/// </summary>
internal sealed class SignalStop : IDisposable
{
    private readonly CancellationTokenSource _source = new();
    private readonly PosixSignalRegistration[] _registrations;
    private int _received;
    private volatile string? _signal;

    public SignalStop()
    {
        _registrations = [PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal), PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal)];
    }

    public CancellationToken Token => _source.Token;

    /// <summary>The name of the first signal received ("SIGTERM"), or null.</summary>
    public string? Signal => _signal;

    public void Dispose()
    {
        foreach (PosixSignalRegistration registration in _registrations)
        {
            registration.Dispose();
        }
        _source.Dispose();
    }

    private void OnSignal(PosixSignalContext context)
    {
        if (Interlocked.Increment(ref _received) > 1)
        {
            context.Cancel = false;
            return;
        }
        _signal = context.Signal == PosixSignal.SIGINT ? "SIGINT" : "SIGTERM";
        context.Cancel = true;
        _source.Cancel();
    }
}
