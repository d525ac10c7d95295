using RdiffCore.Tests.Support;

namespace RdiffCore.Tests.Platform.Posix;

/// <summary>The shapes in which the platform tests read their oracles (stat, find, getent...).</summary>
internal static class SystemTool
{
    /// <summary>Standard output as text without the final newline.</summary>
    public static string Line(string tool, params string[] arguments) => ExternalTool.Succeed(tool, arguments).Text.TrimEnd('\n');

    /// <summary>The names in a directory as find prints them (raw bytes), the listing oracle.</summary>
    public static List<byte[]> FindNames(string directory)
    {
        byte[] output = ExternalTool.Succeed("find", directory, "-mindepth", "1", "-maxdepth", "1", "-printf", "%f\\0").Output;
        var names = new List<byte[]>();
        int start = 0;
        for (int i = 0; i < output.Length; i++)
        {
            if (output[i] == 0)
            {
                names.Add(output[start..i]);
                start = i + 1;
            }
        }
        return names;
    }
}
