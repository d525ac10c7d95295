namespace RdiffCore.Delta;

/// <summary>The kind of one delta command.</summary>
internal enum DeltaCommandKind
{
    End,
    Literal,
    Copy,
}

/// <summary>One decoded command; a LITERAL's bytes follow it in the delta stream.</summary>
internal readonly record struct DeltaCommand(DeltaCommandKind Kind, long Position, long Length);
