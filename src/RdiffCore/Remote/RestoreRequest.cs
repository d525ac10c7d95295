using RdiffCore.Remote.Wire;
using RdiffCore.Restore;

namespace RdiffCore.Remote;

/// <summary>
/// The Restore call: the path on the far side (a repository or a path in it, or an increment) and
/// the options that choose the session. Everything about the target stays on the side that asks.
/// </summary>
internal static class RestoreRequest
{
    public static MessageWriter Write(RestoreOptions options) =>
        new MessageWriter().Number((ulong)CallKind.Restore).Bytes(options.Source)
            .Optional(options.At).Number(options.Increment ? 1UL : 0).Optional(options.CurrentTime).Optional(options.CharsToQuote);

    /// <summary>The options as sent (Target is empty: it is the asking side's).</summary>
    public static RestoreOptions Read(ref MessageReader message)
    {
        byte[] path = message.Bytes().ToArray();
        string? at = message.OptionalText();
        bool increment = message.Number() == 1;
        long? time = message.OptionalTime();
        byte[]? quote = message.OptionalBytes();
        message.End();
        return new RestoreOptions
        {
            Source = path,
            Target = [],
            At = at,
            Increment = increment,
            CurrentTime = time,
            CharsToQuote = quote,
        };
    }

    /// <summary>The RestoreInto call: the target on the far side and what shapes it (the repository stays here).</summary>
    public static MessageWriter WriteInto(RestoreOptions options)
    {
        var message = new MessageWriter().Number((ulong)CallKind.RestoreInto).Bytes(options.Target)
            .Number((options.Force ? 1UL : 0) | (options.Xattrs ? 2UL : 0) | (options.Acls ? 4UL : 0) | (options.PreserveNumericalIds ? 8UL : 0) | (options.NullSeparator ? 16UL : 0));
        SourceRequest.WriteRules(message, options.Selection);
        return message;
    }

    /// <summary>The options as sent (Source is empty: the repository is the asking side's).</summary>
    public static RestoreOptions ReadInto(ref MessageReader message)
    {
        byte[] target = message.Bytes().ToArray();
        ulong flags = message.Number();
        List<Selection.SelectionRule> rules = SourceRequest.ReadRules(ref message);
        message.End();
        return new RestoreOptions
        {
            Source = [],
            Target = target,
            Force = (flags & 1) != 0,
            Xattrs = (flags & 2) != 0,
            Acls = (flags & 4) != 0,
            PreserveNumericalIds = (flags & 8) != 0,
            NullSeparator = (flags & 16) != 0,
            Selection = rules,
        };
    }
}
