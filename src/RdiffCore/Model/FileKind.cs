namespace RdiffCore.Model;

/// <summary>What a path is; <see cref="None"/> means it does not exist (the "Type None" record).</summary>
internal enum FileKind
{
    None,
    Regular,
    Directory,
    Symlink,
    CharDevice,
    BlockDevice,
    Fifo,
    Socket,
}
