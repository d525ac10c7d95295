using Microsoft.Win32.SafeHandles;
using RdiffCore.Model;
using RdiffCore.Remote.Wire;
using RdiffCore.Restore;
using RdiffCore.Sessions;
using RdiffCore.Storage;

namespace RdiffCore.Remote;

/// <summary>
/// The repository side of a remote restore: the session's records at and below the path, each
/// regular file's data right after its record (read straight from the mirror or a snapshot when it
/// needs no delta, else rebuilt in a scratch directory first), warnings in their place, and at the
/// end the count of paths lost. Later names of a hard-link group carry no data: the target side
/// links them to the first.
/// </summary>
internal sealed class RestoreStream
{
    private readonly Channel _channel;
    private readonly MessageWriter _batch = new();
    private readonly byte[] _buffer = new byte[RestoreItems.Batch];

    private readonly Func<string, string> _show;

    private RestoreStream(Channel channel, Func<string, string> show)
    {
        _channel = channel;
        _show = show;
    }

    /// <summary>Opens the session <paramref name="options"/> names and sends it on <paramref name="channel"/>.</summary>
    /// <param name="options">The path (resolved) and the session's choice.</param>
    /// <param name="channel">The Restore call's channel.</param>
    /// <param name="scratchParent">Where files that must be rebuilt are put together (the server's temp directory).</param>
    /// <param name="show">Rewrites a message to name the paths the client gave (a server's pinned directory).</param>
    public static void Send(RestoreOptions options, Channel channel, byte[]? scratchParent, Func<string, string>? show = null)
    {
        var stream = new RestoreStream(channel, show ?? (text => text));
        using SessionView view = SessionView.OpenForRestore(options.Source, options.At, options.Increment, options.CurrentTime, options.CharsToQuote, null, stream.Warn);
        stream.Send(view, scratchParent);
    }

    private void Send(SessionView view, byte[]? scratchParent)
    {
        _batch.Number(RestoreItems.Header).Bytes(view.SubPath.IsRoot ? "."u8 : view.SubPath.Bytes).Time(view.Session);
        var records = new SessionRecords(view, Warn);
        using ScratchDirectory scratch = ScratchDirectory.Create(scratchParent, "rdiffsharp-send-");
        var reconstructor = new Reconstructor(view.Layout, records.Increments, view.MirrorTime, scratch.Tree);
        var temps = new TempNames("rdiffsharp.send.", 0);
        var sent = new HashSet<(ulong, ulong)>();
        foreach (MetadataRecord record in records.Read(CancellationToken.None))
        {
            bool data = record.Kind == FileKind.Regular && (record.HardLinkCount <= 1 || sent.Add((record.Inode, record.DeviceLoc)));
            _batch.Number(RestoreItems.Record);
            RecordCodec.Write(_batch, record);
            _batch.Number(data ? 1UL : 0);
            if (data)
            {
                SendData(record, view.Session, reconstructor, () => temps.CreateFile(scratch.Tree, scratch.Path));
            }
            Flush(RestoreItems.Batch);
        }
        int lost = records.Finish(Warn, Warn);
        _batch.Number(RestoreItems.Lost).Number((ulong)lost);
        Flush(0);
        _channel.End();
    }

    private void SendData(MetadataRecord record, long session, Reconstructor reconstructor, Func<(byte[] Path, SafeFileHandle File)> newTemp)
    {
        try
        {
            using Stream? asIs = reconstructor.OpenAsIs(record, session);
            if (asIs is not null)
            {
                Copy(asIs);
                _batch.Number(RestoreItems.Done).Number(1);
                return;
            }
            (byte[] path, SafeFileHandle file) = newTemp();
            try
            {
                bool present;
                using (file)
                {
                    present = reconstructor.Write(record, session, path, file, newTemp, null);
                }
                if (present)
                {
                    using var rebuilt = new FileStream(reconstructor.OutputTree.OpenRead(path), FileAccess.Read, 1 << 16);
                    Copy(rebuilt);
                }
                _batch.Number(RestoreItems.Done).Number(present ? 1UL : 0);
            }
            finally
            {
                reconstructor.OutputTree.UnlinkIfPresent(path);
            }
        }
        catch (Exception e) when (e is RdiffException or IOException or InvalidDataException)
        {
            _batch.Number(RestoreItems.Failed).Text(_show(e.Message));
        }
    }

    private void Copy(Stream input)
    {
        int got;
        while ((got = input.ReadAtLeast(_buffer, _buffer.Length, throwOnEndOfStream: false)) > 0)
        {
            _batch.Number(RestoreItems.Chunk).Bytes(_buffer.AsSpan(0, got));
            Flush(RestoreItems.Batch);
        }
    }

    private void Warn(string line)
    {
        _batch.Number(RestoreItems.Warning).Text(_show(line));
        Flush(RestoreItems.Batch);
    }

    private void Flush(int atLeast)
    {
        if (_batch.Payload.Length > 0 && _batch.Payload.Length >= atLeast)
        {
            _channel.Write(_batch.Payload, tryCompression: true);
            _batch.Clear();
        }
    }
}
