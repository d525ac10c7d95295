using RdiffCore.Remote.Wire;

namespace RdiffCore.Remote;

/// <summary>
/// The RunAction call: a repository action (list, verify, status, regress, remove) run on the far
/// side against a repository there, its output streamed back. The request names the action, its
/// options (name and value, in order) and the repository path; the server allows only the actions
/// and options below, and only those its restriction permits.
/// </summary>
public static class ActionRequest
{
    /// <summary>Actions that read a repository only.</summary>
    public static readonly IReadOnlySet<string> Reading = new HashSet<string>(StringComparer.Ordinal)
    {
        "list increments", "list files", "verify", "status", "info",
    };

    /// <summary>Actions that change a repository.</summary>
    public static readonly IReadOnlySet<string> Writing = new HashSet<string>(StringComparer.Ordinal) { "regress", "remove increments" };

    /// <summary>Options that name nothing on the far side's disk: the only ones sent.</summary>
    public static readonly IReadOnlySet<string> Options = new HashSet<string>(StringComparer.Ordinal)
    {
        "at", "changed-since", "size", "parsable-output", "older-than", "force", "allow-duplicate-timestamps", "api-version",
        "use-compatible-timestamps", "verbosity", "terminal-verbosity", "current-time", "compression", "no-compression", "fsync", "no-fsync",
    };

    /// <summary>Standard output and standard error of the action, as tags of its data frames.</summary>
    internal const byte Output = 1, Error = 2;

    internal static MessageWriter Write(string action, IReadOnlyList<(string Name, byte[]? Value)> options, byte[] path)
    {
        var message = new MessageWriter().Number((ulong)CallKind.RunAction).Text(action).Number((ulong)options.Count);
        foreach ((string name, byte[]? value) in options)
        {
            message.Text(name).Optional(value);
        }
        return message.Bytes(path);
    }

    internal static (string Action, List<(string Name, byte[]? Value)> Options, byte[] Path) Read(ref MessageReader message)
    {
        string action = message.Text();
        if (!Reading.Contains(action) && !Writing.Contains(action))
        {
            throw new RdiffException($"'{action}' is not an action this server runs");
        }
        ulong count = message.Number();
        if (count > 64)
        {
            throw new RdiffException($"{count} options are more than an action takes");
        }
        var options = new List<(string, byte[]?)>();
        for (ulong i = 0; i < count; i++)
        {
            string name = message.Text();
            byte[]? value = message.OptionalBytes();
            if (!Options.Contains(name))
            {
                throw new RdiffException($"--{name} is not accepted with a remote repository (it would name something on the server)");
            }
            options.Add((name, value));
        }
        byte[] path = message.Bytes().ToArray();
        message.End();
        return (action, options, path);
    }
}
