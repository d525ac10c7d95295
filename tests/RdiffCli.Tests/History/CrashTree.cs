namespace RdiffCli.Tests.History;

/// <summary>
/// Version N of a source tree of several hundred files, changed in place from one version to the
/// next: edits, appends, deletions, new files, type changes (file, directory, symlink) and big files
/// edited in the middle, so that a backup of version N+1 writes every kind of increment.
/// </summary>
internal static class CrashTree
{
    private const int Files = 400;
    private const long BaseTime = 1_600_000_000;

    public static void Apply(string root, int version)
    {
        Directory.CreateDirectory(root);
        var random = new Random(100 + version);
        for (int i = 0; i < Files; i++)
        {
            string directory = Path.Combine(root, $"d{i % 12}", $"s{i % 3}");
            Directory.CreateDirectory(directory);
            string path = Path.Combine(directory, $"f{i}.txt");
            bool exists = (i + version) % 7 != 0;
            if (!exists)
            {
                File.Delete(path);
                continue;
            }
            if (!File.Exists(path) || (i + version) % 3 == 0)
            {
                byte[] data = new byte[200 + (i * 37 % 5000)];
                random.NextBytes(data);
                File.WriteAllBytes(path, data);
            }
            File.SetLastWriteTimeUtc(path, DateTime.UnixEpoch.AddSeconds(BaseTime + (version * 100) + i));
        }
        for (int b = 0; b < 3; b++)
        {
            string big = Path.Combine(root, $"big{b}.bin");
            byte[] data = File.Exists(big) ? File.ReadAllBytes(big) : new byte[3_000_000 + (b * 500_000)];
            random.NextBytes(data.AsSpan((version * 200_000) % (data.Length - 10_000), 10_000));
            File.WriteAllBytes(big, data);
            File.SetLastWriteTimeUtc(big, DateTime.UnixEpoch.AddSeconds(BaseTime + version));
        }
        // Type changes: a file, then a directory, then a symlink, then a file again.
        for (int t = 0; t < 10; t++)
        {
            string shape = Path.Combine(root, $"shape{t}");
            if (Directory.Exists(shape) && new FileInfo(shape).LinkTarget is null)
            {
                Directory.Delete(shape, recursive: true);
            }
            else
            {
                File.Delete(shape);
            }
            switch ((version + t) % 3)
            {
                case 0:
                    File.WriteAllText(shape, $"file {version}\n");
                    break;
                case 1:
                    Directory.CreateDirectory(shape);
                    File.WriteAllText(Path.Combine(shape, "inside"), $"inside {version}\n");
                    break;
                default:
                    File.CreateSymbolicLink(shape, $"target{version}");
                    break;
            }
        }
        string gone = Path.Combine(root, "d0", "gone");
        if (version % 2 == 0)
        {
            Directory.CreateDirectory(gone);
            File.WriteAllText(Path.Combine(gone, "a"), "a\n");
        }
        else if (Directory.Exists(gone))
        {
            Directory.Delete(gone, recursive: true);
        }
    }
}
