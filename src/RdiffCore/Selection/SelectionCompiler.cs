using System.Text;
using System.Text.RegularExpressions;
using RdiffCore.Model;

namespace RdiffCore.Selection;

/// <summary>
/// Turns the rules as given into compiled rules, with rdiff-backup's checks: every glob must be
/// able to match under the base, and the last rule must be able to exclude.
/// </summary>
internal sealed class SelectionCompiler
{
    private readonly SelectionSettings _settings;
    private readonly IDirectoryProbe _probe;
    private readonly byte[][] _baseIndex;
    private readonly GlobCompiler _globs;

    public SelectionCompiler(SelectionSettings settings, IDirectoryProbe probe)
    {
        _settings = settings;
        _probe = probe;
        BasePath = Normalize(settings.BasePath);
        _baseIndex = Components(BasePath);
        _globs = new GlobCompiler(BasePath);
    }

    /// <summary>The base path as rdiff-backup normalizes it: no empty or "." components, no trailing '/'.</summary>
    public byte[] BasePath { get; }

    public List<CompiledRule> Compile(IReadOnlyList<SelectionRule> rules)
    {
        var compiled = new List<CompiledRule>();
        foreach (SelectionRule rule in rules)
        {
            Add(compiled, rule);
        }
        if (compiled.Count > 0 && !compiled[^1].CanExclude)
        {
            throw new SelectionException($"The last selection rule ({compiled[^1].Description}) only includes, and everything is included by default: end with an exclude such as --exclude '**'.");
        }
        // rdiff-backup always leaves out a rdiff-backup-data directory at the top of the source.
        compiled.Insert(0, new PathRule(RelPath.FromString("rdiff-backup-data"), include: false, "exclude rdiff-backup-data"));
        return compiled;
    }

    private void Add(List<CompiledRule> compiled, SelectionRule rule)
    {
        bool include = rule.Include;
        string sense = include ? "include" : "exclude";
        switch (rule.Kind)
        {
            case SelectionRuleKind.Glob:
                compiled.Add(Glob(Argument(rule), include));
                break;
            case SelectionRuleKind.Regexp:
                compiled.Add(Regexp(Argument(rule), include));
                break;
            case SelectionRuleKind.Filelist:
                compiled.Add(Filelist(rule));
                break;
            case SelectionRuleKind.GlobbingFilelist:
                foreach (byte[] line in Lines(rule))
                {
                    (bool lineInclude, byte[] glob) = Signed(line, include);
                    compiled.Add(Glob(glob, lineInclude));
                }
                break;
            case SelectionRuleKind.IfPresent:
                compiled.Add(new PresenceRule(Argument(rule), include, _probe, $"{sense}-if-present {Display(Argument(rule))}"));
                break;
            case SelectionRuleKind.DeviceFiles:
                compiled.Add(new KindRule([FileKind.CharDevice, FileKind.BlockDevice], include, $"{sense} device files"));
                break;
            case SelectionRuleKind.Fifos:
                compiled.Add(new KindRule([FileKind.Fifo], include, $"{sense} fifos"));
                break;
            case SelectionRuleKind.Sockets:
                compiled.Add(new KindRule([FileKind.Socket], include, $"{sense} sockets"));
                break;
            case SelectionRuleKind.SymbolicLinks:
                compiled.Add(new KindRule([FileKind.Symlink], include, $"{sense} symbolic links"));
                break;
            case SelectionRuleKind.SpecialFiles:
                compiled.Add(new KindRule([FileKind.CharDevice, FileKind.BlockDevice, FileKind.Fifo, FileKind.Socket, FileKind.Symlink], include, $"{sense} special files"));
                break;
            case SelectionRuleKind.OtherFilesystems:
                compiled.Add(new OtherFilesystemRule(_settings.BaseDevice, include, $"{sense} other file systems"));
                break;
            case SelectionRuleKind.MaxFileSize:
            case SelectionRuleKind.MinFileSize:
                bool isMaximum = rule.Kind == SelectionRuleKind.MaxFileSize;
                string option = isMaximum ? "--max-file-size" : "--min-file-size";
                if (rule.Size <= 0)
                {
                    throw new SelectionException($"{option} must be a positive number of bytes, not {rule.Size}.");
                }
                compiled.Add(new SizeRule(rule.Size, isMaximum, $"{option} {rule.Size}"));
                break;
            case SelectionRuleKind.Caches:
                compiled.Add(new CacheTagRule(_probe, include, $"{sense} caches"));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(rule), rule.Kind, "unknown selection rule");
        }
    }

    private CompiledRule Glob(byte[] glob, bool include)
    {
        if (glob.AsSpan().SequenceEqual("**"u8))
        {
            return new PathRule(RelPath.Root, include, $"{(include ? "include" : "exclude")} **");
        }
        if (!GlobCompiler.HasWildcards(glob))
        {
            RelPath path = RelativePath(glob) ?? throw CannotMatch(glob);
            return new PathRule(path, include, $"{(include ? "include" : "exclude")} {Display(glob)}");
        }
        return _globs.Compile(glob, include);
    }

    private static RegexpRule Regexp(byte[] expression, bool include)
    {
        string text = Display(expression);
        try
        {
            return new RegexpRule(RegexDialect.Compile(expression), include, $"{(include ? "include" : "exclude")}-regexp {text}");
        }
        catch (ArgumentException e)
        {
            throw new SelectionException($"The regular expression '{text}' is not valid ({e.Message.Split('\n')[0].Trim()}): fix it or quote its special characters.");
        }
    }

    private FilelistRule Filelist(SelectionRule rule)
    {
        var entries = new List<FilelistEntry>();
        bool anyExcluded = !rule.Include;
        string name = rule.Argument is null ? "standard input" : Display(rule.Argument);
        foreach (byte[] line in Lines(rule))
        {
            (bool include, byte[] pathBytes) = Signed(line, rule.Include);
            RelPath path = RelativePath(pathBytes)
                ?? throw new SelectionException($"The filelist {name} names '{Display(pathBytes)}', which is not below the source '{Display(BasePath)}': write paths that start with the source as given on the command line.");
            entries.Add(new FilelistEntry(path, include));
            anyExcluded |= !include;
        }
        return new FilelistRule(entries, anyExcluded, $"{(rule.Include ? "include" : "exclude")}-filelist {name}");
    }

    /// <summary>The non-empty lines of a filelist, split at newlines (or NULs), trailing CRs removed.</summary>
    private List<byte[]> Lines(SelectionRule rule)
    {
        byte[] content = rule.Content ?? ReadFilelist(Argument(rule));
        byte separator = _settings.NullSeparator ? (byte)0 : (byte)'\n';
        var lines = new List<byte[]>();
        foreach (Range range in content.AsSpan().Split(separator))
        {
            ReadOnlySpan<byte> line = content.AsSpan(range).TrimEnd((byte)'\r');
            if (!line.IsEmpty)
            {
                lines.Add(line.ToArray());
            }
        }
        return lines;
    }

    internal static byte[] ReadFilelist(byte[] path)
    {
        try
        {
            return File.ReadAllBytes(Encoding.UTF8.GetString(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or OutOfMemoryException)
        {
            // Out of memory: a file of more than 2 GiB, or a device that never ends (/dev/zero).
            throw new SelectionException($"The filelist {Display(path)} cannot be read ({e.Message}): check its name.");
        }
    }

    private static (bool Include, byte[] Text) Signed(byte[] line, bool include) =>
        line.AsSpan().StartsWith("+ "u8) ? (true, line[2..])
        : line.AsSpan().StartsWith("- "u8) ? (false, line[2..])
        : (include, line);

    /// <summary>The path below the base that <paramref name="spec"/> names, or null when it is not below the base.</summary>
    private RelPath? RelativePath(byte[] spec)
    {
        byte[][] components = Components(spec);
        if (components.Length < _baseIndex.Length)
        {
            return null;
        }
        for (int i = 0; i < _baseIndex.Length; i++)
        {
            if (!components[i].AsSpan().SequenceEqual(_baseIndex[i]))
            {
                return null;
            }
        }
        RelPath path = RelPath.Root;
        for (int i = _baseIndex.Length; i < components.Length; i++)
        {
            path = path.Append(components[i]);
        }
        return path;
    }

    private SelectionException CannotMatch(byte[] glob) => GlobCompiler.CannotMatch(glob, BasePath);

    private static byte[] Argument(SelectionRule rule) =>
        rule.Argument ?? throw new ArgumentException($"the {rule.Kind} rule needs an argument", nameof(rule));

    private static byte[][] Components(ReadOnlySpan<byte> path)
    {
        var parts = new List<byte[]>();
        foreach (Range range in path.Split((byte)'/'))
        {
            if (!path[range].IsEmpty)
            {
                parts.Add(path[range].ToArray());
            }
        }
        return [.. parts];
    }

    private static byte[] Normalize(byte[] path)
    {
        var joined = new List<byte>(path.Length + 1);
        if (path.Length > 0 && path[0] == (byte)'/')
        {
            joined.Add((byte)'/');
        }
        foreach (byte[] component in Components(path).Where(c => !c.AsSpan().SequenceEqual("."u8)))
        {
            if (joined.Count > 0 && joined[^1] != (byte)'/')
            {
                joined.Add((byte)'/');
            }
            joined.AddRange(component);
        }
        return joined.Count == 0 ? [(byte)'.'] : [.. joined];
    }

    public static string Display(ReadOnlySpan<byte> bytes) => Encoding.UTF8.GetString(bytes);
}
