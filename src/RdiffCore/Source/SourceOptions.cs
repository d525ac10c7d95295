namespace RdiffCore.Source;

/// <summary>What the walk reads besides stat: xattrs, ACLs and hard-link identities.</summary>
internal sealed record SourceOptions(bool Xattrs, bool Acls, bool HardLinks);
