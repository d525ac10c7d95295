using System.Text;
using RdiffCore.Platform.Posix;

namespace RdiffCore.Remote;

/// <summary>
/// A directory the restriction check opened, kept open while a call works in it. The call is given
/// <see cref="Path"/> ("/proc/self/fd/N/."), which reaches the directory the check opened and no
/// other: swapping the client's path for a symlink after the check changes nothing. What the call
/// says is shown with the path the client gave in its place.
/// </summary>
internal sealed class PinnedDirectory : IDisposable
{
    private readonly DirectoryHandle _handle;
    private readonly string _pinned;
    private readonly string _shown;

    public PinnedDirectory(DirectoryHandle handle, byte[] shown)
    {
        _handle = handle;
        Path = handle.PinnedPath();
        _pinned = Encoding.ASCII.GetString(Path);
        _shown = Encoding.UTF8.GetString(shown);
    }

    /// <summary>The path to hand to code that opens paths; valid until this is disposed.</summary>
    public byte[] Path { get; }

    /// <summary><paramref name="text"/> with the client's path where the pinned one was written.</summary>
    public string Show(string text) => text.Replace(_pinned, _shown, StringComparison.Ordinal);

    public void Dispose() => _handle.Dispose();
}
