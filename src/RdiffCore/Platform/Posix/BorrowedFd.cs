using Microsoft.Win32.SafeHandles;

namespace RdiffCore.Platform.Posix;

/// <summary>
/// The descriptor of a <see cref="SafeFileHandle"/> for the length of one call; the reference it
/// holds keeps another thread's Dispose from closing (and the kernel from reusing) the number meanwhile.
/// </summary>
internal ref struct BorrowedFd
{
    private readonly SafeFileHandle _handle;
    private bool _added;

    public BorrowedFd(SafeFileHandle handle)
    {
        _handle = handle;
        handle.DangerousAddRef(ref _added);
        Fd = (int)handle.DangerousGetHandle();
    }

    public int Fd { get; }

    public void Dispose()
    {
        if (_added)
        {
            _handle.DangerousRelease();
            _added = false;
        }
    }
}
