namespace RdiffCore.Verify;

/// <summary>
/// Where a verify's lines go, worded as rdiff-backup 2.2 words them: <paramref name="Info"/> for the
/// per-file successes (its verbosity 5), <paramref name="Warning"/> for each bad or unhashed file,
/// <paramref name="Error"/> (when given) instead for each bad file, which rdiff-backup logs as an
/// error at API 201.
/// </summary>
public sealed record VerifyReport(Action<string> Info, Action<string> Warning, Action<string>? Error = null)
{
    /// <summary>Where a bad file is reported.</summary>
    internal Action<string> Bad => Error ?? Warning;
}
