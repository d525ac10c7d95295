using System.Runtime.InteropServices;
using System.Text;

namespace RdiffCore.Platform.Posix;

/// <summary>
/// User and group names from the system databases (NSS: /etc/passwd, LDAP, ...), each asked once.
/// One instance per run, passed to whoever needs names; safe to share between threads.
/// A lookup that fails for any reason counts as "no such name": the numeric id is then used.
/// </summary>
internal sealed unsafe class OwnerNames
{
    private const int DefaultBufferLength = 1024;
    private const nuint MaxBufferLength = 1 << 30;

    private readonly Lock _lock = new();
    private readonly Dictionary<uint, string?> _userNames = [];
    private readonly Dictionary<uint, string?> _groupNames = [];
    private readonly Dictionary<string, uint?> _userIds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, uint?> _groupIds = new(StringComparer.Ordinal);
    private readonly nuint _initialBufferLength;

    public OwnerNames()
        : this(DefaultBufferLength)
    {
    }

    /// <summary>A small <paramref name="initialBufferLength"/> makes every lookup go through the ERANGE retry (tests).</summary>
    internal OwnerNames(int initialBufferLength)
    {
        _initialBufferLength = (nuint)initialBufferLength;
    }

    /// <summary>The user's name (bytes that are not UTF-8 become U+FFFD), or null when the uid has none.</summary>
    public string? UserName(uint uid) => Cached(_userNames, uid, static (self, id) => self.LookUpUserName(id));

    public string? GroupName(uint gid) => Cached(_groupNames, gid, static (self, id) => self.LookUpGroupName(id));

    public uint? UserId(string name) => Cached(_userIds, name, static (self, key) => self.LookUpUserId(key));

    public uint? GroupId(string name) => Cached(_groupIds, name, static (self, key) => self.LookUpGroupId(key));

    // Called for every file of a backup: static lambdas, so a cache hit allocates nothing.
    private TValue Cached<TKey, TValue>(Dictionary<TKey, TValue> cache, TKey key, Func<OwnerNames, TKey, TValue> lookUp)
        where TKey : notnull
    {
        lock (_lock)
        {
            if (!cache.TryGetValue(key, out TValue? value))
            {
                value = lookUp(this, key);
                cache.Add(key, value);
            }
            return value;
        }
    }

    private string? LookUpUserName(uint uid)
    {
        for (nuint length = _initialBufferLength; ; length *= 2)
        {
            byte* buffer = (byte*)NativeMemory.Alloc(length);
            try
            {
                NativePasswd entry;
                NativePasswd* found;
                int error = LibC.GetPwUidR(uid, &entry, buffer, length, &found);
                if (error == 0)
                {
                    return found is null ? null : Text(found->Name);
                }
                if (!WorthRetrying(error, length))
                {
                    return null;
                }
            }
            finally
            {
                NativeMemory.Free(buffer);
            }
        }
    }

    private string? LookUpGroupName(uint gid)
    {
        for (nuint length = _initialBufferLength; ; length *= 2)
        {
            byte* buffer = (byte*)NativeMemory.Alloc(length);
            try
            {
                NativeGroup entry;
                NativeGroup* found;
                int error = LibC.GetGrGidR(gid, &entry, buffer, length, &found);
                if (error == 0)
                {
                    return found is null ? null : Text(found->Name);
                }
                if (!WorthRetrying(error, length))
                {
                    return null;
                }
            }
            finally
            {
                NativeMemory.Free(buffer);
            }
        }
    }

    private uint? LookUpUserId(string name)
    {
        if (NulTerminated(name) is not { } cName)
        {
            return null;
        }
        fixed (byte* pName = cName)
        {
            for (nuint length = _initialBufferLength; ; length *= 2)
            {
                byte* buffer = (byte*)NativeMemory.Alloc(length);
                try
                {
                    NativePasswd entry;
                    NativePasswd* found;
                    int error = LibC.GetPwNamR(pName, &entry, buffer, length, &found);
                    if (error == 0)
                    {
                        return found is null ? null : found->Uid;
                    }
                    if (!WorthRetrying(error, length))
                    {
                        return null;
                    }
                }
                finally
                {
                    NativeMemory.Free(buffer);
                }
            }
        }
    }

    private uint? LookUpGroupId(string name)
    {
        if (NulTerminated(name) is not { } cName)
        {
            return null;
        }
        fixed (byte* pName = cName)
        {
            for (nuint length = _initialBufferLength; ; length *= 2)
            {
                byte* buffer = (byte*)NativeMemory.Alloc(length);
                try
                {
                    NativeGroup entry;
                    NativeGroup* found;
                    int error = LibC.GetGrNamR(pName, &entry, buffer, length, &found);
                    if (error == 0)
                    {
                        return found is null ? null : found->Gid;
                    }
                    if (!WorthRetrying(error, length))
                    {
                        return null;
                    }
                }
                finally
                {
                    NativeMemory.Free(buffer);
                }
            }
        }
    }

    /// <summary>ERANGE: the buffer was too small, the loop tries one twice the size. Other errors mean no answer.</summary>
    private static bool WorthRetrying(int error, nuint length) =>
        (Errno)error == Errno.ERANGE && length < MaxBufferLength;

    private static byte[]? NulTerminated(string name)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(name + "\0");
        return Array.IndexOf(bytes, (byte)0) == bytes.Length - 1 ? bytes : null;
    }

    private static string Text(byte* nulTerminated) =>
        Encoding.UTF8.GetString(MemoryMarshal.CreateReadOnlySpanFromNullTerminated(nulTerminated));
}
