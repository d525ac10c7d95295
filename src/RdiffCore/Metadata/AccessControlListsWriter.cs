using RdiffCore.Model;

namespace RdiffCore.Metadata;

/// <summary>
/// Writes an access_control_lists snapshot (format.md §1.8) as records come:
/// "# file: &lt;acl_quote(path)&gt;", then the entries in getfacl's short text form, the access
/// entries first and then the default ones prefixed "default:". An ACL that is empty or basic
/// (three access entries and no default ACL, which the mode bits say already) is not written.
/// </summary>
internal sealed class AccessControlListsWriter : IDisposable
{
    private readonly OutputBuffer _output;

    public AccessControlListsWriter(Stream output, bool leaveOpen = false)
    {
        _output = new OutputBuffer(output, leaveOpen);
    }

    public void Write(RelPath path, IReadOnlyList<AclEntry> acl)
    {
        int defaults = 0;
        foreach (AclEntry entry in acl)
        {
            defaults += entry.IsDefault ? 1 : 0;
        }
        if (acl.Count == 0 || (defaults == 0 && acl.Count == 3))
        {
            return;
        }
        _output.Append("# file: "u8);
        AclQuoting.QuoteTo(path.IsRoot ? "."u8 : path.Bytes, _output);
        _output.Append((byte)'\n');
        foreach (AclEntry entry in acl)
        {
            if (!entry.IsDefault)
            {
                WriteEntry(entry);
            }
        }
        foreach (AclEntry entry in acl)
        {
            if (entry.IsDefault)
            {
                _output.Append("default:"u8);
                WriteEntry(entry);
            }
        }
    }

    /// <summary>Hands everything written so far to the stream and flushes it.</summary>
    public void Flush() => _output.Flush();

    public void Dispose() => _output.Dispose();

    private void WriteEntry(AclEntry entry)
    {
        _output.Append(entry.Tag switch
        {
            AclTag.UserObj or AclTag.User => "user:"u8,
            AclTag.GroupObj or AclTag.Group => "group:"u8,
            AclTag.Mask => "mask:"u8,
            AclTag.Other => "other:"u8,
            _ => throw new ArgumentOutOfRangeException(nameof(entry), entry.Tag, "Not an ACL tag."),
        });
        if (entry.Tag is AclTag.User or AclTag.Group)
        {
            _output.AppendUtf8(entry.Qualifier ?? throw new ArgumentException($"A named ACL entry ({entry.Tag}) needs a qualifier.", nameof(entry)));
        }
        Span<byte> tail = _output.GetSpan(5);
        tail[0] = (byte)':';
        tail[1] = (entry.Permissions & 4) != 0 ? (byte)'r' : (byte)'-';
        tail[2] = (entry.Permissions & 2) != 0 ? (byte)'w' : (byte)'-';
        tail[3] = (entry.Permissions & 1) != 0 ? (byte)'x' : (byte)'-';
        tail[4] = (byte)'\n';
        _output.Advance(5);
    }
}
