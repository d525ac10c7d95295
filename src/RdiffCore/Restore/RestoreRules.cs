using RdiffCore.Model;
using RdiffCore.Selection;

namespace RdiffCore.Restore;

/// <summary>
/// The selection of a restore, as rdiff-backup 2.2 takes it: the rules match paths that start with
/// the target as given on the command line, sizes and kinds are the recorded ones, and the disk
/// questions (--exclude-if-present, --exclude-caches) are asked of the target.
/// </summary>
internal static class RestoreRules
{
    /// <summary>Compiles the rules, or returns null when there are none; throws <see cref="SelectionException"/> first for what rdiff-backup refuses.</summary>
    public static Selection.Selection? Compile(RestoreOptions options, RelPath subPath, byte[] absoluteTarget)
    {
        if (options.Selection.Count == 0)
        {
            return null;
        }
        // rdiff-backup refuses these: the target may lose files the rules were meant to keep (its issue #463).
        if (!subPath.IsRoot && options.Selection.Any(r => r.Kind is SelectionRuleKind.Glob or SelectionRuleKind.Regexp or SelectionRuleKind.Filelist or SelectionRuleKind.GlobbingFilelist))
        {
            throw new SelectionException($"A sub-path ('{subPath}') cannot be restored with file selection rules (include, exclude, regexp, filelist); restore the whole repository with the rules, or the sub-path without them.");
        }
        // The records hold no device, and rdiff-backup's restore stops on this option.
        if (options.Selection.Any(r => r.Kind == SelectionRuleKind.OtherFilesystems))
        {
            throw new SelectionException("--exclude-other-filesystems does not apply to restore (the backup records no devices); leave it out.");
        }
        var settings = new SelectionSettings(options.Target, 0, options.NullSeparator);
        return Selection.Selection.Compile(options.Selection, settings, new DirectoryProbe(absoluteTarget));
    }
}
