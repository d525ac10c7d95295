using System.Text;

namespace RdiffCore.Metadata;

/// <summary>
/// Turns the user and group names of metadata records into strings without allocating one per
/// record: a backup has a handful of owners repeated a million times. Owned by one reader.
/// </summary>
internal sealed class NameCache
{
    private const int MaxEntries = 32;

    private readonly List<(byte[] Bytes, string Text)> _entries = [];

    public string Get(ReadOnlySpan<byte> bytes)
    {
        foreach ((byte[] known, string text) in _entries)
        {
            if (bytes.SequenceEqual(known))
            {
                return text;
            }
        }
        string decoded = Encoding.UTF8.GetString(bytes);
        if (_entries.Count < MaxEntries)
        {
            _entries.Add((bytes.ToArray(), decoded));
        }
        return decoded;
    }
}
