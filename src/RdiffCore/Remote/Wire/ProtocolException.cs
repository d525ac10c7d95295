namespace RdiffCore.Remote.Wire;

/// <summary>The peer broke the protocol or went away; the message names the peer and what happened.</summary>
public sealed class ProtocolException : RdiffException
{
    /// <summary>Creates the error with its one-line message.</summary>
    public ProtocolException(string message) : base(message) { }

    /// <summary>Creates the error with its one-line message and what caused it.</summary>
    public ProtocolException(string message, Exception inner) : base(message, inner) { }
}
