using System.Buffers.Text;
using RdiffCore.Model;

namespace RdiffCore.Metadata;

/// <summary>
/// Writes an extended_attributes snapshot (format.md §1.7) as records come, in the
/// order given (the caller keeps <see cref="RelPathComparer"/> order): "# file: &lt;acl_quote(path)&gt;",
/// then "&lt;acl_quote(name)&gt;=0s&lt;base64(value)&gt;" per attribute, or the name alone for an empty
/// value. Paths without attributes are skipped, and system.* names (POSIX ACLs and the like)
/// are never written, as rdiff-backup does.
/// </summary>
internal sealed class ExtendedAttributesWriter : IDisposable
{
    private readonly OutputBuffer _output;

    public ExtendedAttributesWriter(Stream output, bool leaveOpen = false)
    {
        _output = new OutputBuffer(output, leaveOpen);
    }

    public void Write(RelPath path, IReadOnlyList<Xattr> xattrs)
    {
        bool headerWritten = false;
        foreach (Xattr xattr in xattrs)
        {
            if (xattr.Name.AsSpan().StartsWith("system."u8))
            {
                continue;
            }
            if (!headerWritten)
            {
                _output.Append("# file: "u8);
                AclQuoting.QuoteTo(path.IsRoot ? "."u8 : path.Bytes, _output);
                _output.Append((byte)'\n');
                headerWritten = true;
            }
            // rdiff-backup writes an empty value's name unquoted; quoting it too is the same
            // bytes for every ordinary name and keeps odd names on one line.
            AclQuoting.QuoteTo(xattr.Name, _output);
            if (xattr.Value.Length > 0)
            {
                _output.Append("=0s"u8);
                int length = Base64.GetMaxEncodedToUtf8Length(xattr.Value.Length);
                Base64.EncodeToUtf8(xattr.Value, _output.GetSpan(length), out _, out int written);
                _output.Advance(written);
            }
            _output.Append((byte)'\n');
        }
    }

    /// <summary>Hands everything written so far to the stream and flushes it.</summary>
    public void Flush() => _output.Flush();

    public void Dispose() => _output.Dispose();
}
