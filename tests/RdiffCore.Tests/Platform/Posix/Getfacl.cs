using RdiffCore.Model;
using RdiffCore.Tests.Support;

namespace RdiffCore.Tests.Platform.Posix;

/// <summary>getfacl and setfacl (Debian package acl) as the ACL oracle, in getfacl's short text form.</summary>
internal static class Getfacl
{
    /// <summary>The entries getfacl shows, access then default, in its order.</summary>
    public static List<AclEntry> Read(string path)
    {
        string output = ExternalTool.Succeed("getfacl", "--omit-header", "--no-effective", "--absolute-names", path).Text;
        return [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(Parse)];
    }

    public static void Set(string path, string acl) => ExternalTool.Succeed("setfacl", "--set", acl, path);

    public static void Modify(string path, params string[] options) => ExternalTool.Succeed("setfacl", [.. options, path]);

    /// <summary>One line such as "default:user:nobody:r-x".</summary>
    public static AclEntry Parse(string line)
    {
        bool isDefault = line.StartsWith("default:", StringComparison.Ordinal);
        string[] parts = (isDefault ? line["default:".Length..] : line).Split(':');
        string? qualifier = parts.Length == 3 && parts[1].Length > 0 ? parts[1] : null;
        AclTag tag = (parts[0], qualifier) switch
        {
            ("user", null) => AclTag.UserObj,
            ("user", _) => AclTag.User,
            ("group", null) => AclTag.GroupObj,
            ("group", _) => AclTag.Group,
            ("mask", _) => AclTag.Mask,
            ("other", _) => AclTag.Other,
            _ => throw new FormatException($"Not a getfacl line: {line}"),
        };
        string rwx = parts[^1];
        int permissions = (rwx[0] == 'r' ? 4 : 0) | (rwx[1] == 'w' ? 2 : 0) | (rwx[2] == 'x' ? 1 : 0);
        return new AclEntry(isDefault, tag, qualifier, permissions);
    }

    /// <summary>Entries written the way getfacl prints them, e.g. "user::rw-", "default:mask::r-x".</summary>
    public static List<AclEntry> Entries(params string[] lines) => [.. lines.Select(Parse)];

    /// <summary>An entry as getfacl prints it.</summary>
    public static string Format(AclEntry entry)
    {
        string tag = entry.Tag switch
        {
            AclTag.UserObj or AclTag.User => "user",
            AclTag.GroupObj or AclTag.Group => "group",
            AclTag.Mask => "mask",
            _ => "other",
        };
        char[] rwx = [(entry.Permissions & 4) != 0 ? 'r' : '-', (entry.Permissions & 2) != 0 ? 'w' : '-', (entry.Permissions & 1) != 0 ? 'x' : '-'];
        return $"{(entry.IsDefault ? "default:" : "")}{tag}:{entry.Qualifier}:{new string(rwx)}";
    }
}
