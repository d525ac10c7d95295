namespace RdiffCore.Metadata;

/// <summary>
/// A mirror_metadata, extended_attributes or access_control_lists file cannot be understood. The
/// message names the file and the record; the repository needs repair (regress or a copy).
/// </summary>
public sealed class CorruptMetadataException : RdiffException
{
    /// <summary>Creates the error; the message names the file and what is wrong.</summary>
    public CorruptMetadataException(string message) : base(message) { }

    /// <summary>Creates the error with the error that revealed it.</summary>
    public CorruptMetadataException(string message, Exception inner) : base(message, inner) { }
}
