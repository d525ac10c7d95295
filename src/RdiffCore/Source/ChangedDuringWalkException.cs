using RdiffCore.Platform.Posix;

namespace RdiffCore.Source;

/// <summary>A directory the walk opened again (or opened at all) is no longer the one it saw: it was moved or replaced meanwhile.</summary>
internal sealed class ChangedDuringWalkException(byte[] path)
    : Exception($"'{PrintablePath.From(path)}' was replaced while the backup read it (another file now has its name); the next backup takes it")
{
    public byte[] Path { get; } = path;
}
