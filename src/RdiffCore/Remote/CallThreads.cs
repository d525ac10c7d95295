using RdiffCore.Remote.Wire;

namespace RdiffCore.Remote;

/// <summary>
/// Runs each call the peer opens on a thread of its own (a walk, a fetch and a backup go on at once),
/// answers a refused call with its reason, and waits for every call to finish before the side exits.
/// </summary>
internal sealed class CallThreads(Action<Channel, ReadOnlyMemory<byte>> handle)
{
    private readonly List<Thread> _threads = [];

    /// <summary>For <see cref="Link"/>: starts the call and returns at once.</summary>
    public void Start(Channel channel, ReadOnlyMemory<byte> request)
    {
        var thread = new Thread(() => Run(channel, request)) { IsBackground = true, Name = "rdiffsharp call" };
        lock (_threads)
        {
            _threads.Add(thread);
        }
        thread.Start();
    }

    /// <summary>Waits for the calls still running (after the peer hung up, each ends with the link's failure).</summary>
    public void Join()
    {
        while (true)
        {
            Thread[] running;
            lock (_threads)
            {
                running = [.. _threads];
                _threads.Clear();
            }
            if (running.Length == 0)
            {
                return;
            }
            foreach (Thread thread in running)
            {
                thread.Join();
            }
        }
    }

    private void Run(Channel channel, ReadOnlyMemory<byte> request)
    {
        try
        {
            handle(channel, request);
        }
        catch (ProtocolException)
        {
            // The link is down or broke the protocol: there is nobody to tell.
        }
        catch (RdiffException e)
        {
            Tell(channel, e.Message);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Tell(channel, e.Message);
        }
        finally
        {
            channel.Dispose();
        }
    }

    private static void Tell(Channel channel, string message)
    {
        try
        {
            channel.Fail(message);
        }
        catch (ProtocolException)
        {
            // Gone.
        }
    }
}
