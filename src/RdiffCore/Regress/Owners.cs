using RdiffCore.Platform.Posix;
using RdiffCore.Storage;

namespace RdiffCore.Regress;

/// <summary>The owner maps a regress sets owners through (by name, by id, or a mapping file), as rdiff-backup's regress takes them.</summary>
internal sealed record Owners(OwnerNames Names, OwnerMap Users, OwnerMap Groups);
