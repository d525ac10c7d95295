using System.Buffers.Text;
using RdiffCore.Model;

namespace RdiffCore.Metadata;

/// <summary>
/// Reads an extended_attributes file (format.md §1.7) one path at a time. Unlike
/// rdiff-backup, attribute names are acl-unquoted (rdiff-backup writes "user.k\075ey" and
/// restores it under that literal name; we read "user.k=ey"). Values must use the "0s" (base64)
/// or "0x" (hex) encoding; a line that is blank or starts with '#' is skipped.
/// </summary>
internal sealed class ExtendedAttributesReader : IDisposable
{
    private readonly FileSectionReader _sections;

    public ExtendedAttributesReader(Stream input, string name = "extended_attributes", bool leaveOpen = false)
    {
        _sections = new FileSectionReader(input, name, leaveOpen);
    }

    public bool TryRead(out RelPath path, out IReadOnlyList<Xattr> xattrs)
    {
        if (!_sections.TryStartSection(out path))
        {
            xattrs = [];
            return false;
        }
        var list = new List<Xattr>();
        while (_sections.TryReadLine(out ReadOnlySpan<byte> line))
        {
            line = FileSectionReader.Strip(line);
            if (line.IsEmpty || line[0] == (byte)'#')
            {
                continue;
            }
            int equals = line.IndexOf((byte)'=');
            if (equals < 0)
            {
                list.Add(new Xattr(AclQuoting.Unquote(line), []));
                continue;
            }
            list.Add(new Xattr(AclQuoting.Unquote(line[..equals]), Value(path, line[(equals + 1)..])));
        }
        xattrs = list;
        return true;
    }

    public void Dispose() => _sections.Dispose();

    private byte[] Value(RelPath path, ReadOnlySpan<byte> encoded)
    {
        if (encoded.StartsWith("0s"u8))
        {
            ReadOnlySpan<byte> base64 = encoded[2..];
            var value = new byte[Base64.GetMaxDecodedFromUtf8Length(base64.Length)];
            if (Base64.DecodeFromUtf8(base64, value, out _, out int written) == System.Buffers.OperationStatus.Done)
            {
                return value[..written];
            }
        }
        else if (encoded.StartsWith("0x"u8) || encoded.StartsWith("0X"u8))
        {
            try
            {
                return Convert.FromHexString(System.Text.Encoding.ASCII.GetString(encoded[2..]));
            }
            catch (FormatException)
            {
            }
        }
        throw new CorruptMetadataException(
            $"An extended attribute of {PathQuoting.Display(path)} in {_sections.Name} has a value that is neither 0s-base64 nor 0x-hex; repair or remove that record.");
    }
}
