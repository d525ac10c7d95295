namespace RdiffCore.History;

/// <summary>A time specification that rdiff-backup's grammar does not accept; the message names it and the accepted forms.</summary>
public sealed class TimeSpecException : RdiffException
{
    /// <summary>Creates the error with its one-line message.</summary>
    public TimeSpecException(string message) : base(message) { }
}
