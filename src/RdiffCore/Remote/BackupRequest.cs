using RdiffCore.Backup;
using RdiffCore.Remote.Wire;

namespace RdiffCore.Remote;

/// <summary>
/// The Backup call's request: the caller's source (by number, with the name backup.log shows), the
/// repository on the far side, and the options that shape the repository. The selection is not
/// sent: the source side applies it as it walks.
/// </summary>
internal static class BackupRequest
{
    public static MessageWriter Write(ulong source, BackupOptions options)
    {
        return new MessageWriter().Number((ulong)CallKind.Backup).Number(source).Bytes(options.Source).Bytes(options.Repository)
            .Optional(options.CurrentTime).Number(Flags(options)).Number((ulong)options.ApiVersion)
            .Optional(options.NoCompressionRegex).Optional(options.CharsToQuote);
    }

    /// <summary>The options as sent (after the call's kind); Source holds the name to show, Repository the path on this side.</summary>
    public static (ulong Source, BackupOptions Options) Read(ref MessageReader message)
    {
        ulong source = message.Number();
        byte[] shown = message.Bytes().ToArray();
        byte[] repository = message.Bytes().ToArray();
        long? time = message.OptionalTime();
        ulong flags = message.Number();
        ulong api = message.Number();
        if (api is not (200 or 201))
        {
            throw new RdiffException($"API version {api} is not supported here (200 or 201)");
        }
        string? regex = message.OptionalText();
        byte[]? quote = message.OptionalBytes();
        message.End();
        var options = new BackupOptions
        {
            Source = shown,
            Repository = repository,
            CurrentTime = time,
            ApiVersion = (int)api,
            NoCompressionRegex = regex,
            CharsToQuote = quote,
            Force = (flags & 1) != 0,
            Compression = (flags & 2) != 0,
            PreserveNumericalIds = (flags & 4) != 0,
            Xattrs = (flags & 8) != 0,
            Acls = (flags & 16) != 0,
            HardLinks = (flags & 32) != 0,
            Fsync = (flags & 64) != 0,
            FileStatistics = (flags & 128) != 0,
            CompatibleTimestamps = (flags & 256) != 0,
        };
        return (source, options);
    }

    /// <summary>The answer: what the session did.</summary>
    public static MessageWriter Result(BackupResult result) =>
        new MessageWriter().Time(result.SessionTime).Number((ulong)result.FileErrors).Number((ulong)result.ChangedFiles)
            .Number(result.Regressed ? 1UL : 0);

    public static BackupResult ReadResult(byte[] answer, string peer)
    {
        var message = new MessageReader(answer, peer);
        var result = new BackupResult(message.Time(), (int)Math.Min(message.Number(), int.MaxValue), (long)Math.Min(message.Number(), long.MaxValue))
        {
            Regressed = message.Number() == 1,
        };
        message.End();
        return result;
    }

    private static ulong Flags(BackupOptions o) =>
        (o.Force ? 1UL : 0) | (o.Compression ? 2UL : 0) | (o.PreserveNumericalIds ? 4UL : 0) | (o.Xattrs ? 8UL : 0) | (o.Acls ? 16UL : 0)
        | (o.HardLinks ? 32UL : 0) | (o.Fsync ? 64UL : 0) | (o.FileStatistics ? 128UL : 0) | (o.CompatibleTimestamps ? 256UL : 0);
}
