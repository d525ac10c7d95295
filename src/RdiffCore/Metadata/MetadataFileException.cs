namespace RdiffCore.Metadata;

/// <summary>
/// A metadata or statistics file of the repository cannot be opened or created (missing,
/// unreadable, already there). The message names the file and the operating system's reason.
/// </summary>
public sealed class MetadataFileException : RdiffException
{
    /// <summary>Creates the error; the message names the file and the reason.</summary>
    public MetadataFileException(string message, Exception inner) : base(message, inner) { }
}
