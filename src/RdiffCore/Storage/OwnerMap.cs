using System.Globalization;
using RdiffCore.Platform.Posix;

namespace RdiffCore.Storage;

/// <summary>
/// Which user (or group) id to give a file whose owner is recorded as an id and maybe a name, as
/// rdiff-backup maps owners: by name where this machine knows the name, else the recorded id;
/// always the id under --preserve-numerical-ids; a mapping file's lines before either. ACL entries
/// have only one qualifier (the name, or the id when there was none) and are dropped (null) when
/// no id can be found for them, since an ACL entry, unlike the owner, is optional.
/// </summary>
internal sealed class OwnerMap
{
    private readonly Func<string, uint?> _localId;
    private readonly bool _numeric;
    private readonly OwnerMappingFile? _file;

    private OwnerMap(Func<string, uint?> localId, bool numeric, OwnerMappingFile? file)
    {
        _localId = localId;
        _numeric = numeric;
        _file = file;
    }

    /// <summary>
    /// The map for users or groups. <paramref name="mappingFile"/> (the path given to
    /// --user-mapping-file or --group-mapping-file) is read now; like rdiff-backup, numeric ids win
    /// over it when both are asked for.
    /// </summary>
    public static OwnerMap Create(OwnerNames names, bool users, bool numeric, byte[]? mappingFile)
    {
        Func<string, uint?> localId = users ? names.UserId : names.GroupId;
        // Read even when numeric ids make it moot: a wrong path is an error either way, as for rdiff-backup.
        OwnerMappingFile? file = mappingFile is null ? null : OwnerMappingFile.Read(mappingFile, users, localId);
        return new OwnerMap(localId, numeric, numeric ? null : file);
    }

    /// <summary>The map rdiff-backup uses without options: by name, else by id.</summary>
    public static OwnerMap ByName(OwnerNames names, bool users) => new(users ? names.UserId : names.GroupId, numeric: false, file: null);

    /// <summary>For tests and callers that parsed the mapping text themselves.</summary>
    public static OwnerMap WithFile(OwnerNames names, bool users, OwnerMappingFile file) => new(users ? names.UserId : names.GroupId, numeric: false, file);

    /// <summary>The id to chown to, for an owner recorded as <paramref name="id"/> and <paramref name="name"/> (null: none).</summary>
    public uint Owner(uint id, string? name) => _numeric ? id : Mapped(id, name) ?? id;

    /// <summary>
    /// The id for a named ACL entry whose qualifier is a name, or the decimal id of an owner that had
    /// no name; null drops the entry. Under numeric ids a name is still looked up here, since the
    /// repository keeps no id beside it (rdiff-backup drops such entries, contrary to its manual).
    /// </summary>
    public uint? AclId(string qualifier)
    {
        if (uint.TryParse(qualifier, NumberStyles.None, CultureInfo.InvariantCulture, out uint id))
        {
            return _numeric ? id : Mapped(id, null);
        }
        return _numeric ? _localId(qualifier) : Mapped(null, qualifier);
    }

    /// <summary>
    /// rdiff-backup's order: the mapping file's name line, this machine's id for the name, the
    /// mapping file's id line. Without a mapping file a bare id stays itself; with one, an id it
    /// does not list has no mapping (for an ACL entry: dropped, as rdiff-backup does).
    /// </summary>
    private uint? Mapped(uint? id, string? name)
    {
        if (!string.IsNullOrEmpty(name))
        {
            if (_file is not null && _file.ByName.TryGetValue(name, out uint named))
            {
                return named;
            }
            if (_localId(name) is uint local)
            {
                return local;
            }
        }
        if (id is not uint known)
        {
            return null;
        }
        if (_file is null)
        {
            return known;
        }
        return _file.ById.TryGetValue(known, out uint mapped) ? mapped : null;
    }
}
