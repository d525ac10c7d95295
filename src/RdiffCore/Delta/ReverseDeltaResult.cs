namespace RdiffCore.Delta;

/// <summary>What a reverse delta did: the lengths of both files and the delta written.</summary>
internal sealed record ReverseDeltaResult(long NewLength, long OldLength, int BlockSize, DeltaStats Delta);
