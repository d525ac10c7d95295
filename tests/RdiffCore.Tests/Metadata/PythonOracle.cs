using System.Text;

namespace RdiffCore.Tests.Metadata;

/// <summary>
/// Calls rdiff-backup 2.2.2's own quoting functions (its Python modules and C extension) on a batch
/// of byte strings, hex in and hex out, one line each, so tests compare against the real thing.
/// </summary>
internal static class PythonOracle
{
    private const string Script = """
        import sys, binascii
        from rdiff_backup import C
        from rdiffbackup.utils import quoting
        functions = {"acl_quote": C.acl_quote, "acl_unquote": C.acl_unquote,
                     "quote_path": quoting.quote_path, "unquote_path": quoting.unquote_path}
        function = functions[sys.argv[1]]
        for line in sys.stdin.read().split():
            data = bytearray(binascii.unhexlify(line))  # acl_unquote changes its argument in place
            print(binascii.hexlify(function(bytes(data))).decode() or "-")
        """;

    public static List<byte[]> Apply(string function, IReadOnlyList<byte[]> inputs)
    {
        byte[] input = Encoding.ASCII.GetBytes(string.Join('\n', inputs.Select(Convert.ToHexString)));
        byte[] output = ExternalTool.Succeed(Interpreter(), ["-c", Script, function], input);
        string[] lines = Encoding.ASCII.GetString(output).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines, Has.Length.EqualTo(inputs.Count), $"python3 answered every {function} input");
        return [.. lines.Select(line => line == "-" ? [] : Convert.FromHexString(line))];
    }

    // The python3 first on PATH may be another installation; rdiff-backup's own shebang names the one with its modules.
    private static string Interpreter()
    {
        string? script = (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin").Split(':')
            .Select(directory => Path.Combine(directory, "rdiff-backup"))
            .FirstOrDefault(File.Exists);
        Assert.That(script, Is.Not.Null, "rdiff-backup (Debian package rdiff-backup) is needed by this test");
        string firstLine = File.ReadLines(script!).First();
        string[] shebang = firstLine.StartsWith("#!", StringComparison.Ordinal) ? firstLine[2..].Split(' ', StringSplitOptions.RemoveEmptyEntries) : [];
        return shebang switch
        {
            [string env, string program, ..] when env.EndsWith("/env", StringComparison.Ordinal) => program,
            [string program, ..] => program,
            _ => "python3",
        };
    }
}
