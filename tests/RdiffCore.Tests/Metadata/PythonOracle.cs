using RdiffCore.Tests.Support;

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
        string input = string.Join('\n', inputs.Select(Convert.ToHexString));
        string[] lines = RdiffBackupOracle.RunPython(Script, input, timeZone: null, function).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines, Has.Length.EqualTo(inputs.Count), $"python3 answered every {function} input");
        return [.. lines.Select(line => line == "-" ? [] : Convert.FromHexString(line))];
    }
}
