namespace RdiffCore;

/// <summary>
/// A delta (an increment's reverse delta, or a delta received from elsewhere) is not a valid librsync
/// delta, or does not fit the basis it is applied to. Nothing is written where the result was to go.
/// </summary>
public sealed class CorruptDeltaException : RdiffException
{
    /// <summary>Creates the error; the message names what is wrong and where.</summary>
    public CorruptDeltaException(string message) : base(message) { }
}
