using RdiffCore.Model;
using RdiffCore.Platform.Posix;
using RdiffCore.Storage;

namespace RdiffCore.Restore;

/// <summary>
/// The target side of a restore: the target made ready (rdiff-backup's rules for what may be
/// overwritten), then every record written under it in order, its data from <see cref="IRestoreData"/>
/// (rebuilt here, or sent by the far side), with the selection applied to the paths below the target.
/// </summary>
internal static class RestoreTarget
{
    /// <summary>Writes <paramref name="records"/> (at and below <paramref name="subPath"/>) under <paramref name="target"/>.</summary>
    /// <param name="options">The restore's options (force, temp directory).</param>
    /// <param name="target">The absolute target path.</param>
    /// <param name="selection">The compiled rules, if any.</param>
    /// <param name="records">The session's records in canonical order.</param>
    /// <param name="subPath">The path restored, which becomes the target.</param>
    /// <param name="data">Makes the data source, given the target's tree and the scratch tree (--tempdir).</param>
    /// <param name="attributes">Sets owners, modes, times, xattrs and ACLs.</param>
    /// <param name="warn">Hears per-file problems (logged).</param>
    /// <param name="show">Hears notices that are shown only.</param>
    public static (long Entries, int Errors, bool Overwritten) Write(RestoreOptions options, byte[] target, Selection.Selection? selection,
        IEnumerable<MetadataRecord> records, RelPath subPath, Func<RootedTree, RootedTree?, IRestoreData> data, AttributeApplier attributes,
        Action<string> warn, Action<string> show)
    {
        // The target is created and filled through its parent's handle: nothing the restore writes
        // follows a symlink inside the target, whatever the target held before or gains meanwhile.
        using RootedTree targetTree = RootedTree.Open(Parent(target));
        (bool existing, bool overwritten) = PrepareTarget(targetTree, target, options.Force, keep: selection is not null, show);
        using ScratchDirectory? scratch = options.TempDirectory is null ? null : ScratchDirectory.Create(options.TempDirectory, "rdiffsharp-restore-");
        using var writer = new RestoreWriter(targetTree, target, data(targetTree, scratch?.Tree), attributes, warn, scratch)
        {
            IntoExisting = existing,
        };
        IEnumerable<(MetadataRecord Record, RelPath Relative)> tree = records.Select(r => (r, r.Path.RelativeTo(subPath)));
        if (selection is not null)
        {
            tree = RestoreFilter.Filter(tree, selection);
        }
        if (existing && selection is not null)
        {
            TargetPatcher.Apply(tree, TargetWalk.Selected(targetTree, target, selection), targetTree, target, writer);
        }
        else
        {
            foreach ((MetadataRecord record, RelPath relative) in tree)
            {
                writer.Write(record, relative);
            }
        }
        writer.Finish();
        return (writer.Entries, writer.Errors, overwritten);
    }

    /// <summary>
    /// The target as rdiff-backup accepts it: a missing path or an empty directory is restored into;
    /// anything else needs --force. A file is then removed; a directory is emptied, or with rules
    /// kept to be patched (what the rules exclude stays). The directory itself stays, so a mount
    /// point can be restored into. Returns whether the target is an existing directory, and whether
    /// rdiff-backup counts the overwrite as a warning (a non-empty directory; a file it only mentions).
    /// </summary>
    private static (bool Existing, bool Warning) PrepareTarget(RootedTree tree, byte[] target, bool force, bool keep, Action<string> warn)
    {
        if (!tree.TryLStat(target, out FileStatus status))
        {
            return (false, false);
        }
        string shown = RepositoryPreparer.Show(target);
        bool directory = status.Kind == FileKind.Directory;
        List<byte[]> children = directory ? tree.ReadDirectory(target) : [];
        if (directory && children.Count == 0)
        {
            return (true, false);
        }
        if (!force)
        {
            throw new RdiffException(directory
                ? $"restore target '{shown}' exists and is not empty; use --force to overwrite it"
                : $"restore target '{shown}' exists and is not a directory; use --force to overwrite it");
        }
        if (!directory)
        {
            warn($"Target path {shown} exists but isn't a directory, and will be force deleted");
            tree.RemoveTree(target);
            return (false, false);
        }
        warn($"Target path {shown} exists and isn't empty, content might be force overwritten by restore");
        if (!keep)
        {
            foreach (byte[] name in children)
            {
                tree.RemoveTree(RelPath.Join(target, name));
            }
        }
        return (true, true);
    }

    /// <summary>The directory that holds <paramref name="path"/> (an absolute path); "/" for "/" itself.</summary>
    private static byte[] Parent(byte[] path)
    {
        int slash = path.AsSpan().LastIndexOf((byte)'/');
        return slash <= 0 ? "/"u8.ToArray() : path[..slash];
    }
}
