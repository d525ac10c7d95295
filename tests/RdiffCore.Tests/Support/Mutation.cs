namespace RdiffCore.Tests.Support;

/// <summary>Ways a file changes between two backups, applied with a seeded random source.</summary>
public enum MutationKind
{
    Identical,
    Overwrites,
    Insertions,
    Deletions,
    MovedRanges,
    DuplicatedRanges,
    Mixed,
    CompletelyDifferent,
    Truncated,
    Appended,
}

internal static class Mutation
{
    public static byte[] Random(int length, Random random)
    {
        byte[] data = new byte[length];
        random.NextBytes(data);
        return data;
    }

    public static byte[] Apply(byte[] original, MutationKind kind, Random random)
    {
        var data = new List<byte>(original);
        int edits = 1 + random.Next(6);
        switch (kind)
        {
            case MutationKind.Identical:
                break;
            case MutationKind.Overwrites:
                for (int i = 0; i < edits && data.Count > 0; i++)
                {
                    int at = random.Next(data.Count);
                    int length = Math.Min(data.Count - at, 1 + random.Next(300));
                    for (int j = 0; j < length; j++)
                    {
                        data[at + j] = (byte)random.Next(256);
                    }
                }
                break;
            case MutationKind.Insertions:
                for (int i = 0; i < edits; i++)
                {
                    data.InsertRange(random.Next(data.Count + 1), Random(1 + random.Next(500), random));
                }
                break;
            case MutationKind.Deletions:
                for (int i = 0; i < edits && data.Count > 0; i++)
                {
                    int at = random.Next(data.Count);
                    data.RemoveRange(at, Math.Min(data.Count - at, 1 + random.Next(500)));
                }
                break;
            case MutationKind.MovedRanges:
                for (int i = 0; i < edits && data.Count > 1; i++)
                {
                    int at = random.Next(data.Count);
                    int length = Math.Min(data.Count - at, 1 + random.Next(Math.Max(1, data.Count / 4)));
                    List<byte> moved = data.GetRange(at, length);
                    data.RemoveRange(at, length);
                    data.InsertRange(random.Next(data.Count + 1), moved);
                }
                break;
            case MutationKind.DuplicatedRanges:
                for (int i = 0; i < edits && data.Count > 0; i++)
                {
                    int at = random.Next(data.Count);
                    int length = Math.Min(data.Count - at, 1 + random.Next(Math.Max(1, data.Count / 4)));
                    data.InsertRange(random.Next(data.Count + 1), data.GetRange(at, length));
                }
                break;
            case MutationKind.Mixed:
                byte[] result = original;
                foreach (MutationKind step in new[] { MutationKind.Overwrites, MutationKind.Insertions, MutationKind.Deletions, MutationKind.MovedRanges, MutationKind.DuplicatedRanges })
                {
                    result = Apply(result, step, random);
                }
                return result;
            case MutationKind.CompletelyDifferent:
                return Random(original.Length + random.Next(-original.Length / 2, 100), random);
            case MutationKind.Truncated:
                return original[..random.Next(original.Length + 1)];
            case MutationKind.Appended:
                data.AddRange(Random(1 + random.Next(3000), random));
                break;
        }
        return [.. data];
    }
}
