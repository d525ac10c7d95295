using System.Text;
using RdiffCore.Model;

namespace RdiffCore.Metadata;

/// <summary>
/// Reads an access_control_lists file (format.md §1.8) one path at a time. As in
/// rdiff-backup, everything after '#' on an entry line is a comment and blank lines are skipped;
/// a qualifier is kept as written (a name, or a number when the writer knew no name).
/// </summary>
internal sealed class AccessControlListsReader : IDisposable
{
    private readonly FileSectionReader _sections;

    public AccessControlListsReader(Stream input, string name = "access_control_lists", bool leaveOpen = false)
    {
        _sections = new FileSectionReader(input, name, leaveOpen);
    }

    public bool TryRead(out RelPath path, out IReadOnlyList<AclEntry> acl)
    {
        if (!_sections.TryStartSection(out path))
        {
            acl = [];
            return false;
        }
        var entries = new List<AclEntry>();
        while (_sections.TryReadLine(out ReadOnlySpan<byte> line))
        {
            int comment = line.IndexOf((byte)'#');
            line = FileSectionReader.Strip(comment >= 0 ? line[..comment] : line);
            if (!line.IsEmpty)
            {
                entries.Add(Entry(path, line));
            }
        }
        acl = entries;
        return true;
    }

    public void Dispose() => _sections.Dispose();

    private AclEntry Entry(RelPath path, ReadOnlySpan<byte> text)
    {
        bool isDefault = text.StartsWith("default:"u8);
        ReadOnlySpan<byte> rest = isDefault ? text[8..] : text;
        int first = rest.IndexOf((byte)':');
        int second = first < 0 ? -1 : rest[(first + 1)..].IndexOf((byte)':');
        if (second < 0 || rest[(first + 1 + second + 1)..].Contains((byte)':'))
        {
            throw Corrupt(path, text);
        }
        ReadOnlySpan<byte> type = rest[..first];
        ReadOnlySpan<byte> qualifier = rest.Slice(first + 1, second);
        ReadOnlySpan<byte> permissions = rest[(first + 1 + second + 1)..];
        AclTag tag;
        if (type.SequenceEqual("user"u8))
        {
            tag = qualifier.IsEmpty ? AclTag.UserObj : AclTag.User;
        }
        else if (type.SequenceEqual("group"u8))
        {
            tag = qualifier.IsEmpty ? AclTag.GroupObj : AclTag.Group;
        }
        else if (qualifier.IsEmpty && type.SequenceEqual("mask"u8))
        {
            tag = AclTag.Mask;
        }
        else if (qualifier.IsEmpty && type.SequenceEqual("other"u8))
        {
            tag = AclTag.Other;
        }
        else
        {
            throw Corrupt(path, text);
        }
        if (permissions.Length != 3 || permissions[0] is not ((byte)'r' or (byte)'-')
            || permissions[1] is not ((byte)'w' or (byte)'-') || permissions[2] is not ((byte)'x' or (byte)'-'))
        {
            throw Corrupt(path, text);
        }
        int bits = (permissions[0] == (byte)'r' ? 4 : 0) | (permissions[1] == (byte)'w' ? 2 : 0) | (permissions[2] == (byte)'x' ? 1 : 0);
        return new AclEntry(isDefault, tag, qualifier.IsEmpty ? null : Encoding.UTF8.GetString(qualifier), bits);
    }

    private CorruptMetadataException Corrupt(RelPath path, ReadOnlySpan<byte> text) =>
        new($"The ACL of {PathQuoting.Display(path)} in {_sections.Name} has an entry '{Encoding.UTF8.GetString(text)}' that is not getfacl's short form; repair or remove that record.");
}
