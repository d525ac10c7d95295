namespace RdiffCore;

/// <summary>The command line, a time specification or an option value is not valid; the message names the path and the fix.</summary>
public sealed class UsageException : RdiffException
{
    /// <summary>Creates the error with its one-line message.</summary>
    public UsageException(string message) : base(message) { }
}
