using System.Runtime.InteropServices;

namespace RdiffCli.Tests.Support;

/// <summary>Swaps a directory and a symlink (renameat2 RENAME_EXCHANGE) over and over until disposed; leaves the directory in place.</summary>
internal sealed class PathSwapper : IDisposable
{
    private const int CurrentDirectory = -100;
    private const uint Exchange = 2;
    private readonly string _path;
    private readonly string _other;
    private readonly Thread _thread;
    private volatile bool _stop;
    private int _swaps;

    public PathSwapper(string path, string other)
    {
        _path = path;
        _other = other;
        _thread = new Thread(Swap) { IsBackground = true };
        _thread.Start();
    }

    public void Dispose()
    {
        _stop = true;
        _thread.Join();
        if (_swaps % 2 == 1 && RenameAt2(CurrentDirectory, _path, CurrentDirectory, _other, Exchange) != 0)
        {
            throw new IOException($"renameat2: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    private void Swap()
    {
        while (!_stop)
        {
            if (RenameAt2(CurrentDirectory, _path, CurrentDirectory, _other, Exchange) == 0)
            {
                _swaps++;
            }
            // A breath between swaps: the server needs the CPU more than the swapper does.
            Thread.SpinWait(200);
        }
    }

    [DllImport("libc", EntryPoint = "renameat2", SetLastError = true)]
    private static extern int RenameAt2(int oldDirectory, [MarshalAs(UnmanagedType.LPUTF8Str)] string oldPath, int newDirectory,
        [MarshalAs(UnmanagedType.LPUTF8Str)] string newPath, uint flags);
}
