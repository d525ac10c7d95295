using System.Runtime.ExceptionServices;

namespace RdiffCore.Delta;

/// <summary>
/// Where scanning threads take segments of the old file in order and leave their matches, and the
/// emitting thread collects them in order. Waits block without spinning (see <see cref="HandOff{T}"/>).
/// A failed segment stops further taking; the segments before it are still delivered, then its error.
/// </summary>
internal sealed class SegmentBoard(int segments, int ahead)
{
    private readonly object _gate = new();
    private readonly List<Match>?[] _done = new List<Match>?[segments];
    private int _next;
    private int _collected;
    private int _failedAt = int.MaxValue;
    private Exception? _error;
    private bool _stopped;

    /// <summary>The next segment to scan; false when all are taken or the work stopped.</summary>
    public bool TryTake(out int segment)
    {
        lock (_gate)
        {
            while (_next < segments && _next - _collected >= ahead && !_stopped)
            {
                Monitor.Wait(_gate);
            }
            segment = _next;
            if (_stopped || _next >= segments)
            {
                return false;
            }
            _next++;
            return true;
        }
    }

    public void Publish(int segment, List<Match> matches)
    {
        lock (_gate)
        {
            _done[segment] = matches;
            Monitor.PulseAll(_gate);
        }
    }

    public void Fail(int segment, Exception error)
    {
        lock (_gate)
        {
            if (segment < _failedAt)
            {
                _failedAt = segment;
                _error = error;
            }
            _stopped = true;
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>The matches of <paramref name="segment"/>, waiting for them; segments must be collected in order.</summary>
    public List<Match> WaitFor(int segment)
    {
        lock (_gate)
        {
            while (_done[segment] is null && segment < _failedAt)
            {
                Monitor.Wait(_gate);
            }
            List<Match>? matches = _done[segment];
            if (matches is null)
            {
                ExceptionDispatchInfo.Throw(_error!);
            }
            _done[segment] = null;
            _collected = segment + 1;
            Monitor.PulseAll(_gate);
            return matches;
        }
    }

    /// <summary>No more segments are taken; wakes every waiting thread.</summary>
    public void Stop()
    {
        lock (_gate)
        {
            _stopped = true;
            Monitor.PulseAll(_gate);
        }
    }
}
