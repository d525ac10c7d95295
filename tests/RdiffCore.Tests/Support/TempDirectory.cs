namespace RdiffCore.Tests.Support;

/// <summary>A fresh directory per test, removed afterwards.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = Directory.CreateTempSubdirectory("rdiffsharp-test-").FullName;
    }

    public string Path { get; }

    public string this[string name] => System.IO.Path.Combine(Path, name);

    public string Write(string name, ReadOnlySpan<byte> data)
    {
        string path = this[name];
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write);
        file.Write(data);
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS's temp cleaning; a test must not fail on its cleanup.
        }
    }
}
