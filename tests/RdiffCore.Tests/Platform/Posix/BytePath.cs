using System.Text;

namespace RdiffCore.Tests.Platform.Posix;

/// <summary>Paths as bytes for the tests, and names that System.IO cannot handle.</summary>
internal static class BytePath
{
    public static byte[] Of(string path) => Encoding.UTF8.GetBytes(path);

    public static byte[] Join(string directory, ReadOnlySpan<byte> name) => Join(Of(directory), name);

    public static byte[] Join(ReadOnlySpan<byte> directory, ReadOnlySpan<byte> name) => [.. directory, (byte)'/', .. name];

    /// <summary>The same name with its first byte replaced: a sibling of the same length.</summary>
    public static byte[] Sibling(byte[] name, char first) => [(byte)first, .. name.AsSpan(1)];
}
