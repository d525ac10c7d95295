namespace RdiffCore;

/// <summary>
/// The root of RdiffSharp's fatal errors. Each subclass stands for one condition the command line
/// maps to one exit code; the message is a single line meant for the user.
/// </summary>
public class RdiffException : Exception
{
    /// <summary>Creates an error with a one-line message.</summary>
    public RdiffException(string message) : base(message) { }

    /// <summary>Creates an error with a one-line message and the error that caused it.</summary>
    public RdiffException(string message, Exception inner) : base(message, inner) { }
}
