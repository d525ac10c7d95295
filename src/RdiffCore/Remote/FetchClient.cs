using System.Collections.Concurrent;
using Microsoft.Win32.SafeHandles;
using RdiffCore.Delta;
using RdiffCore.Model;
using RdiffCore.Remote.Wire;
using RdiffCore.Source;

namespace RdiffCore.Remote;

/// <summary>
/// The repository side of a Fetch channel. Requests are queued by the look-ahead and sent by a
/// thread of their own (which also makes the signatures), several to a frame; answers come back in
/// the same order and are taken one by one, or dropped when the engine passes a file it did not read.
/// </summary>
internal sealed class FetchClient : IDisposable
{
    private readonly Channel _channel;
    private readonly BlockingCollection<Asked> _toSend = new();
    private readonly Queue<Asked> _asked = new();
    private readonly Thread _sender;
    private readonly AnswerReader _answers;
    private Exception? _sendFailure;

    public FetchClient(Link link, ulong source)
    {
        _channel = link.Open(new MessageWriter().Number((ulong)CallKind.Fetch).Number(source).Payload);
        _answers = new AnswerReader(_channel);
        _sender = new Thread(SendLoop) { IsBackground = true, Name = "rdiffsharp fetch" };
        _sender.Start();
    }

    /// <summary>Bytes asked for (a guess for deltas) and not yet taken or dropped.</summary>
    public long Outstanding { get; private set; }

    /// <summary>Requests not yet taken or dropped.</summary>
    public int Count => _asked.Count;

    /// <summary>Deltas among them (each holds its basis open).</summary>
    public int Deltas { get; private set; }

    /// <summary>Asks for <paramref name="entry"/>'s data; takes ownership of the want's basis.</summary>
    public void Ask(SourceEntry entry, DataWant want)
    {
        var asked = new Asked(entry.Record.Path, entry.Device, entry.Inode, want.Compressible, want.Basis,
            want.Basis is null ? entry.Record.Size : (entry.Record.Size / 16) + (64 << 10));
        _asked.Enqueue(asked);
        Outstanding += asked.Expected;
        Deltas += want.Basis is null ? 0 : 1;
        _toSend.Add(asked);
    }

    /// <summary>Drops the answers to every request before <paramref name="path"/>: the engine went past them.</summary>
    public void DropBefore(RelPath path)
    {
        while (_asked.TryPeek(out Asked? head) && RelPathComparer.Instance.Compare(head.Path, path) < 0)
        {
            using Stream unread = Take(head);
        }
    }

    /// <summary>The data of <paramref name="entry"/> if it is the next answer; null if it was not asked for.</summary>
    public Stream? TryTake(SourceEntry entry)
    {
        DropBefore(entry.Record.Path);
        return _asked.TryPeek(out Asked? head) && head.Path == entry.Record.Path ? Take(head) : null;
    }

    private Stream Take(Asked asked)
    {
        _asked.Dequeue();
        Outstanding -= asked.Expected;
        Deltas -= asked.Basis is null ? 0 : 1;
        if (_sendFailure is not null)
        {
            asked.Basis?.Dispose();
            throw new ProtocolException($"could not send the request for '{asked.Path}': {_sendFailure.Message}", _sendFailure);
        }
        var answer = new AnswerStream(_answers, _channel.Peer);
        return asked.Basis is null ? answer : new PatchedStream(answer, asked.Basis, asked.Path, _channel.Peer);
    }

    /// <summary>Ends the requests and reads what is left of the answers, so the channel closes cleanly.</summary>
    public void Dispose()
    {
        _toSend.CompleteAdding();
        _sender.Join();
        try
        {
            while (_asked.TryPeek(out Asked? head))
            {
                using Stream unread = Take(head);
            }
            _answers.ReadEnd();
        }
        catch (Exception e) when (e is RdiffException or Backup.SkippedFileException)
        {
            // The connection is gone; the engine has reported that already.
        }
        foreach (Asked left in _asked)
        {
            left.Basis?.Dispose();
        }
        _channel.Dispose();
        _toSend.Dispose();
    }

    private void SendLoop()
    {
        var batch = new MessageWriter();
        try
        {
            foreach (Asked asked in _toSend.GetConsumingEnumerable())
            {
                Write(asked, batch);
                if (batch.Payload.Length >= FetchItems.Batch || _toSend.Count == 0)
                {
                    _channel.Write(batch.Payload);
                    batch.Clear();
                }
            }
            _channel.End();
        }
        catch (Exception e) when (e is RdiffException or IOException)
        {
            _sendFailure = e;
        }
    }

    private void Write(Asked asked, MessageWriter batch)
    {
        batch.Number(asked.Basis is null ? FetchItems.Whole : FetchItems.Delta).Bytes(asked.Path.Bytes)
            .Number(asked.Device).Number(asked.Inode).Number(asked.Compressible ? 1UL : 0);
        if (asked.Basis is not null)
        {
            Sign(asked.Basis, batch);
        }
    }

    // The signature goes out in parts as it is made (a 1 GiB mirror file's is 20 MiB). A basis that
    // cannot be read is signed as empty, and one that fails halfway gets records no data matches for
    // the blocks not read: the delta then carries those bytes as literal data.
    private void Sign(SafeFileHandle basis, MessageWriter batch)
    {
        // The engine may drop the request (and close the basis) while it is signed here: the
        // reference keeps the descriptor open until the signature is done.
        bool added = false;
        long length = 0;
        try
        {
            basis.DangerousAddRef(ref added);
            length = RandomAccess.GetLength(basis);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            length = 0;
        }
        int blockSize = Signature.ChooseWireBlockSize(length);
        long size = Signature.HeaderLength + ((length + blockSize - 1) / blockSize * Signature.BlockRecordLength);
        batch.Number((ulong)size);
        var parts = new ItemStream(batch, FetchItems.SignaturePart, () =>
        {
            _channel.Write(batch.Payload);
            batch.Clear();
        });
        try
        {
            using var input = added && length > 0
                ? new FileStream(new SafeFileHandle(basis.DangerousGetHandle(), ownsHandle: false), FileAccess.Read, 1)
                : Stream.Null;
            SignatureWriter.WriteStreamed(input, length, blockSize, parts);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // Padded below.
        }
        finally
        {
            if (added)
            {
                basis.DangerousRelease();
            }
        }
        PadTo(parts, size);
    }

    /// <summary>Fills the signature up to the size announced with zero records, which match no data.</summary>
    private static void PadTo(ItemStream parts, long size)
    {
        byte[] zeros = new byte[Math.Min(size - parts.Written, FetchItems.Batch)];
        while (parts.Written < size)
        {
            parts.Write(zeros.AsSpan(0, (int)Math.Min(size - parts.Written, zeros.Length)));
        }
    }

    private sealed class Asked(RelPath path, ulong device, ulong inode, bool compressible, SafeFileHandle? basis, long expected)
    {
        public RelPath Path => path;

        public ulong Device => device;

        public ulong Inode => inode;

        public bool Compressible => compressible;

        public SafeFileHandle? Basis => basis;

        public long Expected => expected;
    }
}
