using Microsoft.Win32.SafeHandles;

namespace RdiffCore.Source;

/// <summary>What the engine will read of a source file, as far as it can tell ahead (a guess never changes the result).</summary>
/// <param name="Needed">Whether it will open the file's data.</param>
/// <param name="Basis">
/// The mirror file (open, owned by whoever takes the want) the new version is likely close to: a
/// forward delta against it travels instead of the whole file. Null: the whole file.
/// </param>
/// <param name="Compressible">Whether the data is worth compressing on the wire (not a format that is compressed already).</param>
internal readonly record struct DataWant(bool Needed, SafeFileHandle? Basis = null, bool Compressible = true)
{
    public static DataWant None => default;
}
