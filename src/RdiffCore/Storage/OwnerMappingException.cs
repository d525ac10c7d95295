namespace RdiffCore.Storage;

/// <summary>
/// A --user-mapping-file or --group-mapping-file line is not <c>old:new</c>, or its new side names
/// no user or group on this machine. The message names the file, the line number and the fix.
/// </summary>
public sealed class OwnerMappingException : RdiffException
{
    /// <summary>Creates the error with its one-line message.</summary>
    public OwnerMappingException(string message) : base(message) { }
}
