namespace RdiffCore.History;

/// <summary>
/// A time given on the command line (--at, --older-than, -r, …) is none of the accepted forms,
/// or counts sessions where there is no repository. The message names the text and the forms.
/// </summary>
public sealed class TimeSpecException : RdiffException
{
    /// <summary>Creates the error; the message is one line naming the spec and what is accepted.</summary>
    public TimeSpecException(string message) : base(message) { }
}
