using System.Globalization;
using System.Text;
using RdiffCore.Platform.Posix;

namespace RdiffCore.Storage;

/// <summary>
/// rdiff-backup's user and group mapping files: one <c>old:new</c> per line, each side a name or a
/// numeric id; the old side is the owner as the source (backup) or the repository (restore) knows
/// it, the new side the owner to set here. Lines are trimmed, blank lines skipped; there are no
/// comments (rdiff-backup refuses a line without exactly one colon, "#..." included). A numeric old
/// side matches ids, anything else matches names exactly; a later line for the same key wins.
/// </summary>
internal sealed class OwnerMappingFile
{
    private OwnerMappingFile(Dictionary<string, uint> byName, Dictionary<uint, uint> byId)
    {
        ByName = byName;
        ById = byId;
    }

    /// <summary>Old name to the id to set.</summary>
    public IReadOnlyDictionary<string, uint> ByName { get; }

    /// <summary>Old id to the id to set.</summary>
    public IReadOnlyDictionary<uint, uint> ById { get; }

    /// <summary>
    /// Reads and parses the file named by <paramref name="path"/>; <paramref name="localId"/> turns a
    /// new-side name into this machine's id. A file that cannot be read is a usage error, as for
    /// rdiff-backup (exit 2); a bad line is an <see cref="OwnerMappingException"/>.
    /// </summary>
    public static OwnerMappingFile Read(byte[] path, bool users, Func<string, uint?> localId)
    {
        const int MaxBytes = 64 << 20;
        string option = users ? "--user-mapping-file" : "--group-mapping-file";
        byte[] content;
        try
        {
            using var file = new FileStream(PosixFs.OpenRead(path), FileAccess.Read, 1);
            using var copy = new MemoryStream();
            // Bounded: a device such as /dev/zero never ends.
            byte[] buffer = new byte[64 * 1024];
            int read;
            while ((read = file.Read(buffer)) > 0)
            {
                copy.Write(buffer, 0, read);
                if (copy.Length > MaxBytes)
                {
                    throw new UsageException($"{option}: '{PrintablePath.From(path)}' holds more than {MaxBytes >> 20} MiB; give a mapping file of one line per owner");
                }
            }
            content = copy.ToArray();
        }
        catch (PosixException e)
        {
            throw new UsageException($"{option}: cannot open '{PrintablePath.From(path)}': {PosixException.Describe(e.Errno)}");
        }
        catch (IOException e)
        {
            throw new UsageException($"{option}: cannot read '{PrintablePath.From(path)}': {e.Message}");
        }
        return Parse(Encoding.UTF8.GetString(content), $"{(users ? "user" : "group")} mapping file '{PrintablePath.From(path)}'", users, localId);
    }

    /// <summary>Parses the text of a mapping file; <paramref name="source"/> names it in error messages.</summary>
    public static OwnerMappingFile Parse(string text, string source, bool users, Func<string, uint?> localId)
    {
        var byName = new Dictionary<string, uint>(StringComparer.Ordinal);
        var byId = new Dictionary<uint, uint>();
        string kind = users ? "user" : "group";
        // Python's text mode turns \r\n and \r into \n before rdiff-backup splits the lines.
        string[] lines = text.Split(["\r\n", "\r", "\n"], StringSplitOptions.None);
        for (int number = 1; number <= lines.Length; number++)
        {
            string line = lines[number - 1].Trim();
            if (line.Length == 0)
            {
                continue;
            }
            string[] sides = line.Split(':');
            if (sides.Length != 2)
            {
                throw new OwnerMappingException(
                    $"{source} line {number}: '{line}' is not old:new; write one {kind} name or id, a colon and the {kind} name or id to use instead per line (no comments)");
            }
            uint newId = NewId(sides[1], localId)
                ?? throw new OwnerMappingException($"{source} line {number}: there is no {kind} '{sides[1]}' on this machine; give an existing {kind} name or a numeric id");
            if (OldId(sides[0]) is long oldId)
            {
                if (oldId is >= 0 and <= uint.MaxValue)
                {
                    byId[(uint)oldId] = newId;
                }
            }
            else
            {
                byName[sides[0]] = newId;
            }
        }
        return new OwnerMappingFile(byName, byId);
    }

    // Python's int(): surrounding blanks and a sign are allowed.
    private static long? OldId(string side) =>
        long.TryParse(side, NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long id)
            ? id
            : null;

    // -1 (chown's "leave unchanged") and anything beyond 32 bits is no owner to set.
    private static uint? NewId(string side, Func<string, uint?> localId) =>
        OldId(side) is long id
            ? id is >= 0 and < uint.MaxValue ? (uint)id : null
            : localId(side);
}
