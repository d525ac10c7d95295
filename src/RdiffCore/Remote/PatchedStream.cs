using System.Security.Cryptography;
using Microsoft.Win32.SafeHandles;
using RdiffCore.Backup;
using RdiffCore.Delta;
using RdiffCore.Model;
using RdiffCore.Remote.Wire;
using RdiffCore.Storage;

namespace RdiffCore.Remote;

/// <summary>
/// The new version of a file, rebuilt as it is read from its mirror copy and the forward delta the
/// source side sent: the engine reads it as if it came from the source. At the end its SHA-1 must
/// equal the one the source side computed, or the file is skipped (its previous version kept).
/// </summary>
internal sealed class PatchedStream(AnswerStream delta, SafeFileHandle basis, RelPath path, string peer) : OneWayStream
{
    private readonly IncrementalHash _sha1 = IncrementalHash.CreateHash(HashAlgorithmName.SHA1);
    private readonly long _basisLength = RandomAccess.GetLength(basis);
    private DeltaReader? _reader;
    private DeltaCommand _command;
    private long _left;
    private bool _ended;

    public override int Read(Span<byte> buffer)
    {
        if (buffer.IsEmpty)
        {
            return 0;
        }
        try
        {
            while (_left == 0)
            {
                if (_ended)
                {
                    return 0;
                }
                NextCommand();
            }
            int take = (int)Math.Min(buffer.Length, _left);
            int got = _command.Kind == DeltaCommandKind.Copy
                ? RandomAccess.Read(basis, buffer[..take], _command.Position + (_command.Length - _left))
                : _reader!.ReadLiteral(buffer[..take]);
            if (got == 0)
            {
                throw new CorruptDeltaException("the delta or its basis ended early");
            }
            _left -= got;
            _sha1.AppendData(buffer[..got]);
            return got;
        }
        catch (CorruptDeltaException e)
        {
            throw new ProtocolException($"{peer} sent a damaged delta for '{path}' ({e.Message}); the connection was closed", e);
        }
    }

    private void NextCommand()
    {
        _reader ??= new DeltaReader(delta);
        _command = _reader.Next();
        switch (_command.Kind)
        {
            case DeltaCommandKind.End:
                _ended = true;
                // Read to the answer's end item, which carries the source's checksum.
                Span<byte> probe = stackalloc byte[1];
                if (delta.Read(probe) != 0)
                {
                    throw new CorruptDeltaException("bytes follow its end");
                }
                if (delta.SourceSha1 is not { } expected || !_sha1.GetHashAndReset().AsSpan().SequenceEqual(expected))
                {
                    throw new SkippedFileException("UpdateError",
                        $"the forward delta of '{path}' did not rebuild the source file (its SHA-1 differs); its previous version is kept, and the next backup tries again");
                }
                break;
            case DeltaCommandKind.Copy when _command.Position < 0 || _command.Position > _basisLength || _command.Length > _basisLength - _command.Position:
                throw new CorruptDeltaException($"it copies bytes {_command.Position}..{_command.Position + _command.Length} of a basis of {_basisLength}");
            default:
                _left = _command.Length;
                break;
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            delta.Dispose();
            basis.Dispose();
            _sha1.Dispose();
        }
        base.Dispose(disposing);
    }

    public override bool CanRead => true;
}
