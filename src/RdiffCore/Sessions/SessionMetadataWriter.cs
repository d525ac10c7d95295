using RdiffCore.Platform.Posix;
using RdiffCore.Metadata;
using RdiffCore.Model;

namespace RdiffCore.Sessions;

/// <summary>
/// The new session's metadata files, written as the backup goes, in canonical order:
/// mirror_metadata, extended_attributes and access_control_lists snapshots (§1.6-1.8).
/// </summary>
internal sealed class SessionMetadataWriter : IDisposable
{
    private readonly MaybeGzipFile _metadataFile;
    private readonly MirrorMetadataWriter _metadata;
    private readonly MaybeGzipFile? _xattrFile;
    private readonly ExtendedAttributesWriter? _xattrs;
    private readonly MaybeGzipFile? _aclFile;
    private readonly AccessControlListsWriter? _acls;

    public SessionMetadataWriter(Func<string, byte[]> dataFile, string time, bool compressMetadata, bool compress, bool xattrs, bool acls, bool fsync, RootedTree? tree = null)
    {
        _metadataFile = MaybeGzipFile.Create(dataFile($"mirror_metadata.{time}.snapshot"), compressMetadata, fsync, tree);
        _metadata = new MirrorMetadataWriter(_metadataFile);
        if (xattrs)
        {
            _xattrFile = MaybeGzipFile.Create(dataFile($"extended_attributes.{time}.snapshot"), compress, fsync, tree);
            _xattrs = new ExtendedAttributesWriter(_xattrFile);
        }
        if (acls)
        {
            _aclFile = MaybeGzipFile.Create(dataFile($"access_control_lists.{time}.snapshot"), compress, fsync, tree);
            _acls = new AccessControlListsWriter(_aclFile);
        }
    }

    public void Write(MetadataRecord record)
    {
        _metadata.Write(record);
        if (record.Xattrs.Count > 0)
        {
            _xattrs?.Write(record.Path, record.Xattrs);
        }
        if (record.Acl.Count > 0)
        {
            _acls?.Write(record.Path, record.Acl);
        }
    }

    public void Dispose()
    {
        _metadata.Dispose();
        _metadataFile.Dispose();
        _xattrs?.Dispose();
        _xattrFile?.Dispose();
        _acls?.Dispose();
        _aclFile?.Dispose();
    }
}
