using System.Text.Json;
using RdiffCore.Platform.Posix;
using RdiffCore.Storage;
using RdiffCore.Tests.Support;

namespace RdiffCore.Tests.Storage;

/// <summary>
/// Owner and ACL-qualifier mapping against rdiff-backup 2.2's own map objects (its Python module
/// rdiffbackup.locations.map.owners), asked about the same owners on this machine.
/// </summary>
public sealed class OwnerMapTests
{
    private const string UserMap = "nobody:daemon\n54321:bin\n\n  12 : 0  \r\nno-such-user-rdiffsharp:nobody\nroot:54322\n";
    private const string GroupMap = "nogroup:daemon\r\n54321:adm\n";

    private const string Script = """
        import sys, json
        from rdiffbackup.locations.map import owners
        query = json.load(sys.stdin)
        owners.init_users_mapping(query["users"], query["numeric"])
        owners.init_groups_mapping(query["groups"], query["numeric"])
        def acl(mapper, qualifier):
            try:
                pair = (int(qualifier), None)
            except ValueError:
                pair = (None, qualifier)
            return mapper(*pair)
        print(json.dumps({
            "users": [owners._user_map(i, n) for i, n in query["owners"]],
            "groups": [owners._group_map(i, n) for i, n in query["owners"]],
            "aclUsers": [acl(owners.map_acl_user, q) for q in query["qualifiers"]],
            "aclGroups": [acl(owners.map_acl_group, q) for q in query["qualifiers"]],
        }))
        """;

    // (id, name) as a repository records owners; names that exist here with other ids, and none.
    private static readonly (uint Id, string? Name)[] Owners =
    [
        (0, "root"), (65534, "nobody"), (1, "daemon"), (54321, null), (65534, "daemon"), (54321, "no-such-user-rdiffsharp"),
        (12, null), (2, "bin"), (4, "adm"), (65534, "nogroup"), (7, "no-such-user-rdiffsharp"),
    ];

    private static readonly string[] Qualifiers = ["nobody", "daemon", "nogroup", "adm", "54321", "0", "12", "no-such-user-rdiffsharp"];

    private readonly OwnerNames _names = new();

    [Test]
    public void By_name_else_by_id_as_rdiff_backup_maps_without_options()
    {
        AssertSameAsRdiffBackup(OwnerMap.ByName(_names, users: true), OwnerMap.ByName(_names, users: false), usersText: null, groupsText: null, numeric: false);
    }

    [Test]
    public void Mapping_files_first_as_rdiff_backup_maps_with_them()
    {
        OwnerMap users = OwnerMap.WithFile(_names, users: true, OwnerMappingFile.Parse(UserMap, "test", users: true, _names.UserId));
        OwnerMap groups = OwnerMap.WithFile(_names, users: false, OwnerMappingFile.Parse(GroupMap, "test", users: false, _names.GroupId));

        AssertSameAsRdiffBackup(users, groups, UserMap, GroupMap, numeric: false);
        Assert.That(users.Owner(65534, "nobody"), Is.EqualTo(1u), "nobody:daemon");
        Assert.That(users.Owner(54321, null), Is.EqualTo(2u), "54321:bin, an id to a name");
        Assert.That(users.Owner(54321, "no-such-user-rdiffsharp"), Is.EqualTo(65534u), "a name line wins over the id");
        Assert.That(users.AclId("12"), Is.EqualTo(0u), "blanks around both sides of an id line");
        Assert.That(users.AclId("77"), Is.Null, "with a mapping file, rdiff-backup drops ACL entries of ids it does not list");
        Assert.That(users.Owner(77, null), Is.EqualTo(77u), "but keeps such an owner");
    }

    [Test]
    public void Numeric_ids_keep_every_id_and_look_up_acl_names()
    {
        OwnerMap users = OwnerMap.Create(_names, users: true, numeric: true, mappingFile: null);
        OwnerMap groups = OwnerMap.Create(_names, users: false, numeric: true, mappingFile: null);

        AssertSameAsRdiffBackup(users, groups, usersText: null, groupsText: null, numeric: true, namedAclsToo: false);
        Assert.That(users.Owner(65534, "daemon"), Is.EqualTo(65534u));
        // Deliberate difference: rdiff-backup drops ACL entries stored by name under
        // --preserve-numerical-ids (the repository keeps no id beside the name); we look the name up.
        Assert.That(users.AclId("daemon"), Is.EqualTo(1u));
        Assert.That(groups.AclId("adm"), Is.EqualTo(4u));
        Assert.That(users.AclId("no-such-user-rdiffsharp"), Is.Null);
    }

    private static void AssertSameAsRdiffBackup(OwnerMap users, OwnerMap groups, string? usersText, string? groupsText, bool numeric, bool namedAclsToo = true)
    {
        string[] qualifiers = namedAclsToo ? Qualifiers : [.. Qualifiers.Where(q => q.All(char.IsAsciiDigit))];
        string query = JsonSerializer.Serialize(new
        {
            users = usersText,
            groups = groupsText,
            numeric,
            owners = Owners.Select(o => new object?[] { o.Id, o.Name }),
            qualifiers,
        });
        using JsonDocument answer = JsonDocument.Parse(RdiffBackupOracle.RunPython(Script, query));
        JsonElement expected = answer.RootElement;

        Assert.Multiple(() =>
        {
            for (int i = 0; i < Owners.Length; i++)
            {
                Assert.That(users.Owner(Owners[i].Id, Owners[i].Name), Is.EqualTo(expected.GetProperty("users")[i].GetUInt32()), $"user {Owners[i]}");
                Assert.That(groups.Owner(Owners[i].Id, Owners[i].Name), Is.EqualTo(expected.GetProperty("groups")[i].GetUInt32()), $"group {Owners[i]}");
            }
            for (int i = 0; i < qualifiers.Length; i++)
            {
                Assert.That(users.AclId(qualifiers[i]), Is.EqualTo(Id(expected.GetProperty("aclUsers")[i])), $"ACL user {qualifiers[i]}");
                Assert.That(groups.AclId(qualifiers[i]), Is.EqualTo(Id(expected.GetProperty("aclGroups")[i])), $"ACL group {qualifiers[i]}");
            }
        });
    }

    private static uint? Id(JsonElement value) => value.ValueKind == JsonValueKind.Null ? null : value.GetUInt32();
}
