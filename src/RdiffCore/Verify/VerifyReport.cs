namespace RdiffCore.Verify;

/// <summary>
/// Where a verify's lines go, worded as rdiff-backup 2.2 words them: <paramref name="Info"/> for the
/// per-file successes (its verbosity 5), <paramref name="Warning"/> for each bad or unhashed file.
/// </summary>
public sealed record VerifyReport(Action<string> Info, Action<string> Warning);
