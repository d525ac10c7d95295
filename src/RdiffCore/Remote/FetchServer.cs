using RdiffCore.Backup;
using RdiffCore.Delta;
using RdiffCore.Model;
using RdiffCore.Platform.Posix;
using RdiffCore.Remote.Wire;
using RdiffCore.Source;

namespace RdiffCore.Remote;

/// <summary>
/// The source side of a Fetch channel: reads the repository side's requests in order and answers
/// each in the same order, a whole file or a forward delta against the signature that came with
/// it. Answers are packed into frames of about 256 KiB, sent as soon as no further request waits.
/// Nothing in a request is trusted: the path must be a plain relative path, the file is opened
/// beneath the source root and must be the one walked, and a signature has a size cap.
/// </summary>
internal sealed class FetchServer(LocalSourceTree tree, Channel channel, Func<string, string> show)
{
    private readonly MessageWriter _batch = new();
    private readonly byte[] _buffer = new byte[FetchItems.Batch];
    private ItemStream? _chunkStream;
    private bool _batchCompressible = true;

    public void Serve()
    {
        PendingDelta? pending = null;
        foreach (ReadOnlyMemory<byte> frame in channel.Stream())
        {
            foreach (object item in Parse(frame))
            {
                switch (item)
                {
                    case FileRequest { Signature: null } request:
                        Check(pending is null);
                        Answer(request);
                        break;
                    case PendingDelta delta:
                        Check(pending is null);
                        pending = delta;
                        break;
                    case byte[] part:
                        Check(pending is not null);
                        if (pending!.Add(part, channel.Peer) is { } complete)
                        {
                            Answer(complete);
                            pending = null;
                        }
                        break;
                }
            }
            if (!channel.HasWaiting)
            {
                Send();
            }
        }
        Check(pending is null);
        Send();
        channel.End();
    }

    private void Check(bool valid)
    {
        if (!valid)
        {
            throw new ProtocolException($"{channel.Peer} sent file requests out of order; the connection was closed");
        }
    }

    private List<object> Parse(ReadOnlyMemory<byte> frame)
    {
        var items = new List<object>();
        var reader = new MessageReader(frame.Span, channel.Peer);
        while (!reader.AtEnd)
        {
            ulong tag = reader.Number();
            switch (tag)
            {
                case FetchItems.Whole or FetchItems.Delta:
                    ReadOnlySpan<byte> path = reader.Bytes();
                    if (!RelPath.TryFromRecorded(path, out RelPath relative))
                    {
                        throw new ProtocolException($"{channel.Peer} asked for the file '{PrintablePath.From(path)}', which is not a plain relative path; the connection was closed");
                    }
                    ulong device = reader.Number(), inode = reader.Number();
                    bool compressible = reader.Number() == 1;
                    if (tag == FetchItems.Whole)
                    {
                        items.Add(new FileRequest(relative, device, inode, compressible, null));
                        break;
                    }
                    ulong length = reader.Number();
                    if (length is < Signature.HeaderLength or > Signature.MaxWireLength)
                    {
                        throw new ProtocolException($"{channel.Peer} announced a signature of {length} bytes, outside what a signature takes; the connection was closed");
                    }
                    items.Add(new PendingDelta(new FileRequest(relative, device, inode, compressible, null), new SignatureAssembler((long)length)));
                    break;
                case FetchItems.SignaturePart:
                    items.Add(reader.Bytes().ToArray());
                    break;
                default:
                    throw new ProtocolException($"{channel.Peer} sent a file request of an unknown kind; the connection was closed");
            }
        }
        return items;
    }

    private void Answer(FileRequest request)
    {
        if (request.Compressible != _batchCompressible)
        {
            Send();
            _batchCompressible = request.Compressible;
        }
        try
        {
            using Stream data = tree.OpenData(request.Path, request.Device, request.Inode);
            if (request.Signature is null)
            {
                int got;
                while ((got = data.ReadAtLeast(_buffer, _buffer.Length, throwOnEndOfStream: false)) > 0)
                {
                    Chunks.Write(_buffer.AsSpan(0, got));
                }
                _batch.Number(FetchItems.Done).Bytes([]);
                return;
            }
            using var hashing = new HashingStream(data);
            ForwardDelta.Write(request.Signature, hashing, Chunks);
            _batch.Number(FetchItems.Done).Bytes(hashing.Sha1());
        }
        catch (SkippedFileException e)
        {
            _batch.Number(FetchItems.Failed).Text(e.ErrorType).Text(show(e.Message));
        }
        catch (PosixException e)
        {
            _batch.Number(FetchItems.Failed).Text("ListError").Text(show(PythonOsError.Message(e)));
        }
        catch (IOException e)
        {
            _batch.Number(FetchItems.Failed).Text("ListError").Text(show(e.Message));
        }
        if (_batch.Payload.Length >= FetchItems.Batch)
        {
            Send();
        }
    }

    // File data and delta bytes, cut into chunk items of the current batch.
    private ItemStream Chunks => _chunkStream ??= new ItemStream(_batch, FetchItems.Chunk, Send);

    private void Send()
    {
        if (_batch.Payload.Length > 0)
        {
            channel.Write(_batch.Payload, _batchCompressible);
            _batch.Clear();
        }
    }

    /// <summary>A delta request whose signature is still arriving, read into its block arrays part by part.</summary>
    private sealed class PendingDelta(FileRequest request, SignatureAssembler signature)
    {
        /// <summary>Takes the next part; the request with its signature once that is complete, else null.</summary>
        public FileRequest? Add(byte[] part, string peer)
        {
            try
            {
                signature.Add(part);
                return signature.Missing == 0 ? request with { Signature = signature.Finish() } : null;
            }
            catch (CorruptDeltaException e)
            {
                throw new ProtocolException($"{peer} sent a damaged signature ({e.Message}); the connection was closed", e);
            }
        }
    }
}
