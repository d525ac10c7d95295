using System.Text;

namespace RdiffCore.Selection;

/// <summary>
/// Turns a shell glob (bytes) into a .NET pattern over <see cref="MappedText"/> chars, with the
/// meanings rdiff-backup gives them: '*' and '?' stop at '/', '**' crosses it, '\' quotes the next
/// byte, and "[...]" is a class ('!' or '^' first negates, ']' first is a member, '-' between two
/// bytes is a range, '\' inside is itself). The class may match '/', as in rdiff-backup.
/// </summary>
internal static class GlobTranslator
{
    /// <summary>
    /// Translates <paramref name="glob"/>. With <paramref name="strict"/> a '[' without its ']' is
    /// an error; otherwise (the partial globs of the scan test) it is a literal, as rdiff-backup takes it.
    /// </summary>
    public static string Translate(ReadOnlySpan<byte> glob, bool strict, string original)
    {
        var pattern = new StringBuilder(glob.Length * 6);
        int i = 0;
        int n = glob.Length;
        while (i < n)
        {
            byte c = glob[i++];
            if (c == (byte)'\\')
            {
                // A trailing '\' stands for itself.
                pattern.Append(MappedText.Literal(i < n ? glob[i] : c));
                i++;
            }
            else if (c == (byte)'*' && i < n && glob[i] == (byte)'*')
            {
                pattern.Append(".*");
                i++;
            }
            else if (c == (byte)'*')
            {
                pattern.Append("[^/]*");
            }
            else if (c == (byte)'?')
            {
                pattern.Append("[^/]");
            }
            else if (c == (byte)'[')
            {
                int end = ClassEnd(glob, i);
                if (end >= n)
                {
                    if (strict)
                    {
                        throw new SelectionException($"The glob '{original}' has a '[' without its ']': close the class, or write '\\[' for a literal '['.");
                    }
                    pattern.Append(MappedText.Literal(c));
                    continue;
                }
                AppendClass(pattern, glob[i..end], original);
                i = end + 1;
            }
            else
            {
                pattern.Append(MappedText.Literal(c));
            }
        }
        return pattern.ToString();
    }

    /// <summary>The index of the ']' closing a class whose contents start at <paramref name="start"/>, or the length if none.</summary>
    private static int ClassEnd(ReadOnlySpan<byte> glob, int start)
    {
        int j = start;
        if (j < glob.Length && (glob[j] == (byte)'!' || glob[j] == (byte)'^'))
        {
            j++;
        }
        if (j < glob.Length && glob[j] == (byte)']')
        {
            j++;
        }
        while (j < glob.Length && glob[j] != (byte)']')
        {
            j++;
        }
        return j;
    }

    private static void AppendClass(StringBuilder pattern, ReadOnlySpan<byte> members, string original)
    {
        pattern.Append('[');
        if (members[0] == (byte)'!' || members[0] == (byte)'^')
        {
            pattern.Append('^');
            members = members[1..];
        }
        int k = 0;
        while (k < members.Length)
        {
            byte low = members[k];
            if (k + 2 < members.Length && members[k + 1] == (byte)'-')
            {
                byte high = members[k + 2];
                if (high < low)
                {
                    throw new SelectionException($"The glob '{original}' has the range '{(char)low}-{(char)high}' backwards: write the lower end first.");
                }
                pattern.Append(MappedText.Literal(low)).Append('-').Append(MappedText.Literal(high));
                k += 3;
            }
            else
            {
                pattern.Append(MappedText.Literal(low));
                k++;
            }
        }
        pattern.Append(']');
    }
}
