using RdiffCore.Platform.Posix;

namespace RdiffCore.Source;

/// <summary>
/// The directories on the walk's current path, the root first. Each is visited through a handle
/// opened from its parent's by name, so nothing is followed; but a tree 10,000 levels deep must not
/// hold 10,000 descriptors. So at most <see cref="MaxOpen"/> handles stay open: the root's, and those
/// of the deepest directories. When the walk climbs back to a directory whose handle was closed, it
/// and the levels below it up to half the window are opened again from the root (openat2, beneath
/// the root, no symlinks), each checked to be the directory the walk saw.
/// </summary>
/// Open handles are always the root's and a contiguous run from <see cref="_lowestOpen"/> to the top.
internal sealed class DirectoryStack : IDisposable
{
    private const int MaxOpen = 64;

    private readonly List<WalkFrame> _frames = [];
    private int _lowestOpen = 1;

    public int Count => _frames.Count;

    public WalkFrame Top => _frames[^1];

    public void Push(WalkFrame frame)
    {
        _frames.Add(frame);
        if (_frames.Count - _lowestOpen + 1 > MaxOpen)
        {
            _frames[_lowestOpen].Handle?.Dispose();
            _frames[_lowestOpen].Handle = null;
            _lowestOpen++;
        }
    }

    public void Pop()
    {
        _frames[^1].Handle?.Dispose();
        _frames.RemoveAt(_frames.Count - 1);
        _lowestOpen = Math.Min(_lowestOpen, Math.Max(1, _frames.Count));
    }

    /// <summary>The top directory's handle, opened again if it was closed; throws when it cannot be (gone, or another directory now).</summary>
    public DirectoryHandle TopHandle()
    {
        WalkFrame top = _frames[^1];
        if (top.Handle is { } open)
        {
            return open;
        }
        int last = _frames.Count - 1;
        int first = Math.Max(1, last - MaxOpen / 2 + 1);
        DirectoryHandle root = _frames[0].Handle!;
        try
        {
            for (int i = first; i <= last; i++)
            {
                WalkFrame frame = _frames[i];
                frame.Handle = i == first ? root.OpenBelow(frame.Path.Bytes) : _frames[i - 1].Handle!.OpenBelow(frame.Path.Name);
                if (!frame.Handle.Is(frame.Status))
                {
                    throw new ChangedDuringWalkException(frame.Handle.Path);
                }
            }
        }
        catch
        {
            for (int i = first; i <= last; i++)
            {
                _frames[i].Handle?.Dispose();
                _frames[i].Handle = null;
            }
            throw;
        }
        _lowestOpen = first;
        return top.Handle!;
    }

    public void Dispose()
    {
        foreach (WalkFrame frame in _frames)
        {
            frame.Handle?.Dispose();
        }
        _frames.Clear();
    }
}
