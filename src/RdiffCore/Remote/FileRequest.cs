using RdiffCore.Delta;
using RdiffCore.Model;

namespace RdiffCore.Remote;

/// <summary>
/// The repository side's request for one source file's data: the path and identity the walk sent,
/// whether it is worth compressing, and, for a forward delta, the signature of the mirror copy.
/// </summary>
internal sealed record FileRequest(RelPath Path, ulong Device, ulong Inode, bool Compressible, Signature? Signature);
