namespace RdiffCore.Delta;

/// <summary>
/// What phase B scans: the old file's bytes that no run of phase A covers, cut into pieces of at
/// most a segment, and the order in which pieces and runs reach the emitter (by old offset).
/// </summary>
internal sealed class ScanPlan
{
    private readonly IReadOnlyList<Match> _runs;
    // For each run, how many pieces come before it.
    private readonly int[] _piecesBefore;

    private ScanPlan(IReadOnlyList<Match> runs, List<(long Start, long End)> pieces, int[] piecesBefore, long scanBytes)
    {
        _runs = runs;
        Pieces = pieces;
        _piecesBefore = piecesBefore;
        ScanBytes = scanBytes;
    }

    /// <summary>The old-file ranges to scan, in order.</summary>
    public IReadOnlyList<(long Start, long End)> Pieces { get; }

    /// <summary>The bytes all pieces hold.</summary>
    public long ScanBytes { get; }

    /// <summary>The gaps around <paramref name="runs"/> (increasing, not overlapping) in an old file of <paramref name="oldLength"/> bytes.</summary>
    public static ScanPlan Around(IReadOnlyList<Match> runs, long oldLength, int segmentSize)
    {
        var pieces = new List<(long Start, long End)>();
        int[] before = new int[runs.Count];
        long at = 0, bytes = 0;
        for (int k = 0; k <= runs.Count; k++)
        {
            long gapEnd = k < runs.Count ? runs[k].OldStart : oldLength;
            for (long start = at; start < gapEnd; start += segmentSize)
            {
                long end = Math.Min(gapEnd, start + segmentSize);
                pieces.Add((start, end));
                bytes += end - start;
            }
            if (k < runs.Count)
            {
                before[k] = pieces.Count;
                at = runs[k].OldEnd;
            }
        }
        return new ScanPlan(runs, pieces, before, bytes);
    }

    /// <summary>Gives the emitter every piece's matches (from <paramref name="matchesOf"/>) and every run, in old-file order.</summary>
    public void Emit(ReverseDeltaEmitter emitter, Func<int, List<Match>> matchesOf)
    {
        int next = 0;
        for (int k = 0; k <= _runs.Count; k++)
        {
            int until = k < _runs.Count ? _piecesBefore[k] : Pieces.Count;
            for (; next < until; next++)
            {
                foreach (Match match in matchesOf(next))
                {
                    emitter.Add(match);
                }
            }
            if (k < _runs.Count)
            {
                emitter.Add(_runs[k]);
            }
        }
    }
}
