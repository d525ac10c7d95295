namespace RdiffCore.Sessions;

/// <summary>A session_statistics file has a line rdiff-backup would not accept either.</summary>
public sealed class CorruptStatisticsException : RdiffException
{
    /// <summary>Creates the error; the message names the file and the bad line.</summary>
    public CorruptStatisticsException(string message) : base(message) { }
}
