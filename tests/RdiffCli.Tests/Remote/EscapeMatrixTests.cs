using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using RdiffCli.Tests.Support;

namespace RdiffCli.Tests.Remote;

/// <summary>
/// Escape attempts against a restricted `rdiffsharp server` through a real sshd: every mode, every
/// way out of the restricted directory, every call a client can make. Each attempt must be refused
/// or harmless: the tree outside (the canary) is unchanged to the byte, mode, owner, mtime and
/// xattr, nothing new appears there, and nothing of it shows up in an output, an error, or a
/// repository. One fixture holds the sshd, one forced-command key per mode, and template trees
/// that each case copies into a directory of its own beneath the restriction.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class EscapeMatrixTests
{
    // What lies outside and must never be read: a name and a content marker (and the canary
    // repository's session year, which a listing would show). The hard-linked file's own marker
    // may be read through its link inside the restriction: that is a file inside by name.
    private static readonly string[] Leaks = ["LEAKNAME", "LEAKDATA", "2017-07-1", "Jul 14 02:40:00 2017", "Jul 15 02:40:00 2017"];

    private static readonly string[] Modes = ["read-write", "read-only", "update-only"];

    private static readonly string[] Ways =
    [
        "dotdot", "absolute", "sibling-prefix", "symlink", "symlink-component", "data-dir-symlink", "increments-symlink", "mirror-dir-symlink",
        "hardlink", "race", "repository-above",
    ];

    private static readonly string[] Calls =
        ["test", "pull", "push", "list-increments", "list-files", "verify", "status", "regress", "remove", "restore", "restore-into", "compare"];

    // The trees outside every restriction, and the names the scratch tree's top holds.
    // The restricted directories lie in the mirror of a repository, outer/ (sessions of 2017 too), so
    // that a search for the repository above a path could climb out of them.
    private static readonly string[] Outside = ["canary", "outer/rdiff-backup-data", "outer/LEAKNAME-file.txt", "outer/rw2", "outer/ro2", "outer/uo2"];
    private static readonly string[] Known = ["canary", "outer", "templates", "pulls", "rdiff-backup-data", "LEAKNAME-file.txt", "rw", "ro", "uo", "rw2", "ro2", "uo2"];

    private SshServer _ssh = null!;
    private ScratchTree _temp = null!;
    private readonly Dictionary<string, string> _keys = [];
    private string _canary = null!;

    public static IEnumerable<TestCaseData> Cases()
    {
        foreach (string mode in Modes)
        {
            foreach (string way in Ways)
            {
                foreach (string call in Calls)
                {
                    // A call the mode forbids is refused before its path is looked at: two ways out suffice there.
                    if (ForbiddenByMode(mode, call) && way is not ("symlink" or "repository-above"))
                    {
                        continue;
                    }
                    yield return new TestCaseData(mode, way, call).SetName($"Escape({mode}, {way}, {call})");
                }
            }
        }
    }

    private static bool ForbiddenByMode(string mode, string call) => mode switch
    {
        "read-only" => call is "push" or "regress" or "remove" or "restore-into",
        "update-only" => call is not ("test" or "push" or "regress"),
        _ => false,
    };

    [OneTimeSetUp]
    public void MakeFixture()
    {
        Programs.RequireRoot();
        _temp = new ScratchTree();
        MakeTemplates();
        MakeCanary();
        Copy(_temp.Path("canary/repo"), _temp.Path("outer"));
        foreach (string mode in Modes)
        {
            Directory.CreateDirectory(Served(mode));
            Directory.CreateDirectory(Served(mode) + "2");
            Copy(_temp.Path("canary/repo"), Served(mode) + "2/repo");
            Copy(_temp.Path("canary/dir"), Served(mode) + "2/dir");
        }
        Directory.CreateDirectory(_temp.Path("pulls"));
        foreach (string outside in Outside)
        {
            Copy(_temp.Path(outside), Pristine(outside));
        }
        _canary = CanaryPicture();
        _ssh = SshServer.Start();
        foreach (string mode in Modes)
        {
            // Both spellings: 2.x's for read-write, 1.x's for the other two.
            string server = mode == "read-write" ? $"server --restrict-path {Served(mode)} --restrict-mode {mode}" : $"--server --restrict-{mode} {Served(mode)}";
            _keys[mode] = _ssh.AddKey($"env TZ=UTC DOTNET_ROOT={SshServer.DotnetRoot} {Programs.Rdiffsharp} {server}");
            StartMaster(mode);
        }
    }

    /// <summary>
    /// One ssh connection per key, which every call of the mode shares (a session per call, the
    /// forced command run for each): the key exchange is paid once, not a few hundred times.
    /// </summary>
    private void StartMaster(string mode)
    {
        // Not redirected: the master stays in the background with the standard streams it was given.
        var start = new ProcessStartInfo("/bin/sh", ["-c", $"{_ssh.Ssh(_keys[mode])} -M -S {Control(mode)} -o ControlPersist=yes -N -f {SshServer.Host}"])
        {
            UseShellExecute = false,
        };
        using Process master = Process.Start(start)!;
        master.WaitForExit();
        Assert.That(master.ExitCode, Is.Zero, "the shared ssh connection did not start");
    }

    private string Control(string mode) => _ssh.Home + $"/control-{mode}";

    [OneTimeTearDown]
    public void RemoveFixture()
    {
        foreach (string mode in _keys.Keys)
        {
            Programs.Run("/", "/bin/sh", "-c", $"{_ssh.Ssh(_keys[mode])} -S {Control(mode)} -O exit {SshServer.Host}");
        }
        _ssh?.Dispose();
        _temp?.Dispose();
    }

    [TestCaseSource(nameof(Cases))]
    public void Is_refused_or_harmless(string mode, string way, string call)
    {
        string place = Path.Combine(Served(mode), $"{way}-{call}");
        string pulled = _temp.Path($"pulls/{mode}-{way}-{call}");
        bool repository = call != "test" && call != "pull";
        string asked = Prepare(way, call, place, Served(mode), repository);
        var results = new List<Programs.Result>();
        if (way == "race")
        {
            // The directory and a symlink out trade places all the time the call runs; a few tries.
            for (int attempt = 0; attempt < RaceAttempts; attempt++)
            {
                using (new PathSwapper(asked, asked + ".alt"))
                {
                    results.Add(Run(mode, call, asked, pulled + $"-{attempt}"));
                }
            }
        }
        else
        {
            results.Add(Run(mode, call, asked, pulled));
        }

        string after = CanaryPicture();
        if (after != _canary)
        {
            // Put it back, so that the cases after this one are judged on their own.
            RestoreCanary();
        }
        Assert.That(after, Is.EqualTo(_canary), $"{mode}/{way}/{call}: the tree outside the restriction changed");
        foreach (Programs.Result result in results)
        {
            AssertNoLeak(result.Output + result.Error, $"{mode}/{way}/{call}: the output");
        }
        foreach (string tree in (string[])[place, .. Directory.GetDirectories(_temp.Path("pulls"), $"{mode}-{way}-{call}*")])
        {
            AssertNoLeak(TreeText(tree), $"{mode}/{way}/{call}: {tree}");
        }
    }

    private const int RaceAttempts = 2;

    /// <summary>The control: each key reaches a working server that does what its mode allows (else every refusal above proves nothing).</summary>
    [TestCaseSource(nameof(Modes))]
    public void Each_key_serves_what_its_mode_allows(string mode)
    {
        string place = Path.Combine(Served(mode), "control");
        Copy(_temp.Path("templates/repo"), place);
        Programs.Result probe = Run(mode, "test", Served(mode), "");
        Assert.That(probe.Code, Is.Zero, probe.Error);
        Programs.Result list = Run(mode, "list-increments", place, "");
        Programs.Result push = Run(mode, "push", place, "");
        Programs.Result pull = Run(mode, "pull", place, _temp.Path($"pulls/control-{mode}"));
        Assert.That(list.Code, mode == "update-only" ? Is.Not.Zero : Is.Zero, list.Error);
        Assert.That(push.Code, mode == "read-only" ? Is.Not.Zero : Is.Zero, push.Error);
        Assert.That(pull.Code, mode == "update-only" ? Is.Not.Zero : Is.Zero, pull.Error);
        if (mode != "read-write")
        {
            Assert.That((mode == "read-only" ? push : list).Error, Does.Contain($"this server is {mode}"));
        }
    }

    private Programs.Result Run(string mode, string call, string asked, string pulled)
    {
        string schema = _ssh.Schema(_keys[mode], Programs.Rdiffsharp).Replace("ssh ", $"ssh -S {Control(mode)} ", StringComparison.Ordinal);
        string remote = $"{SshServer.Host}::{asked}";
        string[] arguments = call switch
        {
            "test" => ["test", remote],
            "pull" => [remote, pulled],
            "push" => [_temp.Path("templates/pushed"), remote],
            "list-increments" => ["list", "increments", remote],
            "list-files" => ["list", "files", remote],
            "verify" => ["verify", remote],
            "status" => ["status", remote],
            "regress" => ["regress", remote],
            "remove" => ["remove", "increments", "--older-than", "1700050000", remote],
            "restore" => ["restore", "--at", "now", remote, pulled],
            // With --force: the target may be overwritten, so only where it lies keeps the canary safe.
            "restore-into" => ["restore", "--force", "--at", "now", _temp.Path("templates/repo"), remote],
            "compare" => ["compare", "--method", "hash", _temp.Path("templates/src"), remote],
            _ => throw new ArgumentException(call),
        };
        return Programs.Run(_temp.Root, Programs.Rdiffsharp, ["--remote-schema", schema, .. arguments]);
    }

    /// <summary>Lays out the case's way out beneath <paramref name="place"/> and returns the path the client asks for.</summary>
    private string Prepare(string way, string call, string place, string served, bool repository)
    {
        Directory.CreateDirectory(place);
        string outside = repository ? "repo" : "dir";
        // regress has work to do in an interrupted repository; every other call gets a finished one.
        string template = _temp.Path(call == "regress" ? "templates/interrupted" : repository ? "templates/repo" : "templates/src");
        string own = Path.Combine(place, repository ? "repo" : "src");
        switch (way)
        {
            case "dotdot":
                return $"{place}/../../../canary/{outside}";
            case "absolute":
                return _temp.Path($"canary/{outside}");
            case "sibling-prefix":
                return $"{served}2/{outside}";
            case "symlink":
                File.CreateSymbolicLink(Path.Combine(place, "link"), _temp.Path($"canary/{outside}"));
                return Path.Combine(place, "link");
            case "symlink-component":
                File.CreateSymbolicLink(Path.Combine(place, "link"), _temp.Path("canary"));
                return Path.Combine(place, "link", outside);
            case "data-dir-symlink" or "increments-symlink" or "mirror-dir-symlink" when !repository:
                // A source holding a symlink out (where a repository's data, a deeper directory, a
                // directory would be): a pull backs it up as a symlink and reads nothing through it.
                Copy(template, own);
                string link = way switch { "data-dir-symlink" => "rdiff-backup-data", "increments-symlink" => "sub/deeper", _ => "sub" };
                if (way == "mirror-dir-symlink")
                {
                    Directory.Delete(Path.Combine(own, "sub"), recursive: true);
                }
                File.CreateSymbolicLink(Path.Combine(own, link), _temp.Path(way == "data-dir-symlink" ? "canary/repo/rdiff-backup-data" : "canary/dir"));
                return own;
            case "data-dir-symlink":
                Copy(template, own);
                Directory.Delete(Path.Combine(own, "rdiff-backup-data"), recursive: true);
                File.CreateSymbolicLink(Path.Combine(own, "rdiff-backup-data"), _temp.Path("canary/repo/rdiff-backup-data"));
                return own;
            case "increments-symlink":
                Copy(template, own);
                Directory.Delete(Path.Combine(own, "rdiff-backup-data/increments"), recursive: true);
                File.CreateSymbolicLink(Path.Combine(own, "rdiff-backup-data/increments"), _temp.Path("canary/repo/rdiff-backup-data/increments"));
                return own;
            case "mirror-dir-symlink":
                Copy(template, own);
                Directory.Delete(Path.Combine(own, "sub"), recursive: true);
                File.CreateSymbolicLink(Path.Combine(own, "sub"), _temp.Path("canary/dir"));
                return own;
            case "hardlink":
                Copy(template, own);
                File.Delete(Path.Combine(own, "linked.txt"));
                Link(_temp.Path("canary/hardlinked.txt"), Path.Combine(own, "linked.txt"));
                return own;
            case "repository-above":
                // No repository here: the nearest one above is outer/, outside the restriction.
                Directory.CreateDirectory(Path.Combine(place, "plain"));
                File.WriteAllText(Path.Combine(place, "plain", "file.txt"), "inside plain");
                return Path.Combine(place, "plain");
            case "race":
                Copy(template, own);
                File.CreateSymbolicLink(own + ".alt", _temp.Path($"canary/{outside}"));
                return own;
            default:
                throw new ArgumentException(way);
        }
    }

    private string Served(string mode) => _temp.Path(mode switch { "read-write" => "outer/rw", "read-only" => "outer/ro", _ => "outer/uo" });

    /// <summary>
    /// templates/src (a.txt, sub/b.txt, linked.txt), templates/repo (two backups of it),
    /// templates/interrupted (the same with a third backup that stopped after its first increment), templates/pushed
    /// (what a push sends: linked.txt with another mode only, sub/b.txt changed).
    /// </summary>
    private void MakeTemplates()
    {
        _temp.File("templates/src/a.txt", "inside one");
        _temp.File("templates/src/sub/b.txt", "inside two");
        _temp.File("templates/src/linked.txt", "HARDLINKED inside");
        File.SetUnixFileMode(_temp.Path("templates/src/linked.txt"), (UnixFileMode)Convert.ToInt32("644", 8));
        Backup("templates/src", "templates/repo", 1700000000);
        _temp.File("templates/src/a.txt", "inside one, changed");
        Backup("templates/src", "templates/repo", 1700086400);
        Copy(_temp.Path("templates/repo"), _temp.Path("templates/interrupted"));
        // A third session that stopped after its marker: the regress removes it and puts the mirror back.
        File.WriteAllText(_temp.Path("templates/interrupted/rdiff-backup-data/current_mirror.2023-11-16T22:13:20Z.data"), "PID 999999999\n");
        // It had written an increment of linked.txt (named, as increments are, with the previous session's time).
        using (var snapshot = new GZipStream(File.Create(_temp.Path("templates/interrupted/rdiff-backup-data/increments/linked.txt.2023-11-15T22:13:20Z.snapshot.gz")),
            CompressionLevel.Fastest))
        {
            snapshot.Write("HARDLINKED inside"u8);
        }
        Copy(_temp.Path("templates/src"), _temp.Path("templates/pushed"));
        File.SetUnixFileMode(_temp.Path("templates/pushed/linked.txt"), (UnixFileMode)Convert.ToInt32("640", 8));
        _temp.File("templates/pushed/sub/b.txt", "inside two, pushed");
    }

    /// <summary>canary/: a directory, a repository (sessions of 2017) and its source, and the file hard-linked in.</summary>
    private void MakeCanary()
    {
        _temp.File("canary/dir/LEAKNAME-inner.txt", "LEAKDATA inner");
        _temp.File("canary/dir/deeper/LEAKNAME-deep.txt", "LEAKDATA deep");
        _temp.File("canary/source/LEAKNAME-file.txt", "LEAKDATA file");
        Backup("canary/source", "canary/repo", 1500000000);
        _temp.File("canary/source/LEAKNAME-file.txt", "LEAKDATA file, changed");
        Backup("canary/source", "canary/repo", 1500086400);
        // The file hard-linked into the repositories looks like their linked.txt to a regress (size,
        // mode, mtime, owner, data) but has an xattr: a repair must not "fix" it in place.
        _temp.File("canary/hardlinked.txt", "HARDLINKED inside");
        File.SetUnixFileMode(_temp.Path("canary/hardlinked.txt"), (UnixFileMode)Convert.ToInt32("644", 8));
        File.SetLastWriteTimeUtc(_temp.Path("canary/hardlinked.txt"), File.GetLastWriteTimeUtc(_temp.Path("templates/src/linked.txt")));
        Programs.Succeed(_temp.Root, "setfattr", "-n", "user.canary", "-v", "kept", _temp.Path("canary/hardlinked.txt"));
        Programs.Succeed(_temp.Root, "setfattr", "-n", "user.canary", "-v", "kept", _temp.Path("canary/dir/LEAKNAME-inner.txt"));
        Programs.Succeed(_temp.Root, "chown", "1234:1234", _temp.Path("canary/dir/deeper"));
    }

    private void RestoreCanary()
    {
        foreach (string outside in Outside)
        {
            Programs.Succeed("/", "rm", "-rf", _temp.Path(outside));
            Copy(Pristine(outside), _temp.Path(outside));
        }
        foreach (string name in Directory.GetFileSystemEntries(_temp.Root).Concat(Directory.GetFileSystemEntries(_temp.Path("outer"))))
        {
            if (!Known.Contains(Path.GetFileName(name)))
            {
                Programs.Succeed("/", "rm", "-rf", name);
            }
        }
    }

    private string Pristine(string outside) => _temp.Path($"templates/pristine-{outside.Replace('/', '-')}");

    private void Backup(string source, string repository, long time) =>
        Programs.Succeed(_temp.Root, Programs.Rdiffsharp, "--current-time", time.ToString(System.Globalization.CultureInfo.InvariantCulture),
            _temp.Path(source), _temp.Path(repository));

    /// <summary>
    /// Everything outside the restrictions that a server could touch: the canary and the siblings
    /// (each entry's kind, mode, owner, mtime, size, link target, content hash and xattrs), and the
    /// names at the top of the scratch tree (a new entry there is a write outside).
    /// </summary>
    private string CanaryPicture()
    {
        string all = string.Join(' ', Outside);
        string script = $"cd {_temp.Root} && ls -A . outer && find {all} -printf '%p %y %m %U:%G %T@ %s %l\\n' | sort && "
            + $"find {all} -type f -exec sha256sum '{{}}' + | sort && getfattr -R -h -d -m - {all} 2>/dev/null";
        return Programs.Succeed(_temp.Root, "/bin/sh", "-c", script).Output;
    }

    private static void AssertNoLeak(string text, string where)
    {
        foreach (string leak in Leaks)
        {
            Assert.That(text, Does.Not.Contain(leak), $"{where} shows what lies outside the restriction");
        }
    }

    /// <summary>The names and contents (gunzipped) of a tree, symlinks not followed.</summary>
    private static string TreeText(string top)
    {
        var text = new StringBuilder();
        if (!Directory.Exists(top))
        {
            return "";
        }
        var pending = new Stack<string>([top]);
        while (pending.Count > 0)
        {
            foreach (string entry in Directory.EnumerateFileSystemEntries(pending.Pop()))
            {
                var info = new FileInfo(entry);
                text.Append(entry).Append('\n');
                if (info.LinkTarget is not null)
                {
                    continue;
                }
                if (info.Attributes.HasFlag(FileAttributes.Directory))
                {
                    pending.Push(entry);
                    continue;
                }
                using Stream raw = File.OpenRead(entry);
                using Stream data = entry.EndsWith(".gz", StringComparison.Ordinal) ? new GZipStream(raw, CompressionMode.Decompress) : raw;
                using var reader = new StreamReader(data, Encoding.Latin1);
                text.Append(reader.ReadToEnd()).Append('\n');
            }
        }
        return text.ToString();
    }

    private static void Copy(string from, string to) => Programs.Succeed("/", "cp", "-a", from, to);

    private static void Link(string existing, string link) => Programs.Succeed("/", "ln", existing, link);
}
