namespace RdiffCore;

/// <summary>
/// The action stopped at a safe point because its stop token was cancelled (a signal); the message
/// says what the stop left behind and how it is repaired.
/// </summary>
public sealed class StoppedException : RdiffException
{
    /// <summary>Creates the error with its one-line message.</summary>
    public StoppedException(string message, Exception inner) : base(message, inner) { }
}
