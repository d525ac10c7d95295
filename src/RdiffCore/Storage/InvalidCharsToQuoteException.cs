namespace RdiffCore.Storage;

/// <summary>
/// The chars_to_quote setting (the repository's file or --chars-to-quote) is not a regular
/// expression character class body that rdiff-backup would accept.
/// </summary>
public sealed class InvalidCharsToQuoteException : RdiffException
{
    /// <summary>Creates the error; the message shows the setting and what is wrong with it.</summary>
    public InvalidCharsToQuoteException(string message) : base(message) { }
}
