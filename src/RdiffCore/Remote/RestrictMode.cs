namespace RdiffCore.Remote;

/// <summary>What a server lets its client do (rdiff-backup's --restrict-mode).</summary>
public enum RestrictMode
{
    /// <summary>Anything beneath the restricted directory.</summary>
    ReadWrite,

    /// <summary>Only calls that read: a backup source, or a repository to restore, list, verify or compare.</summary>
    ReadOnly,

    /// <summary>Only backups into repositories beneath the directory (and the regress of their own interrupted session).</summary>
    UpdateOnly,
}
