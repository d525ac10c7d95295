namespace RdiffCore.Verify;

/// <summary>
/// The outcome of a verify: <paramref name="Verified"/> files matched their recorded SHA-1,
/// <paramref name="Bad"/> did not or could not be rebuilt, <paramref name="WithoutHash"/> had no
/// recorded SHA-1 (metadata written before rdiff-backup 1.1.1).
/// </summary>
public sealed record VerifyResult(long Session, long Verified, long Bad, long WithoutHash);
