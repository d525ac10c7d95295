using System.Reflection;
using RdiffCli.Commands;
using RdiffCore;
using RdiffCore.History;
using RdiffCore.Storage;

namespace RdiffCli;

/// <summary>
/// The command line: parses the arguments, runs one command, maps the outcome to an exit code. It is
/// the one error boundary: whatever is thrown ends as one line on standard error and an exit code
/// of <see cref="ExitCodes"/>, never as a stack trace.
/// </summary>
internal static class Cli
{
    /// <summary>Runs one command line; <paramref name="stop"/> (null in process, in tests) turns signals into a clean stop.</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error, SignalStop? stop = null)
    {
        try
        {
            int code = Dispatch(args, output, error, stop?.Token ?? CancellationToken.None);
            if (stop?.Signal is string signal)
            {
                // The signal came after the last safe point, or the action finishes what it starts (regress, remove).
                Report(error, $"{signal} received after the last point where the action could stop; it finished", code);
            }
            return code;
        }
        catch (Exception e) when (e is UsageException or TimeSpecException)
        {
            return Report(error, e.Message, ExitCodes.Usage);
        }
        catch (Exception e) when (e is OperationCanceledException or StoppedException && stop?.Signal is string signal)
        {
            return Report(error, $"interrupted by {signal}; {(e is StoppedException ? e.Message : Stopped(args))}", ExitCodes.Stopped);
        }
        catch (RdiffException e)
        {
            return Report(error, e.Message, ExitCodes.Fatal);
        }
        catch (IOException e) when (e.HResult is 28 or 122)
        {
            // ENOSPC or EDQUOT from a .NET stream: the repository stays regressable.
            return Report(error, $"{OneLine(e.Message)}; the action stopped: free space, then run 'rdiffsharp regress' on the repository if a backup was running, and run again", ExitCodes.Fatal);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Report(error, $"{OneLine(e.Message)}; check the path, its permissions and the device, then run again", ExitCodes.Fatal);
        }
        catch (Exception e)
        {
            // OutOfMemoryException included: the process is still able to write one line.
            return Report(error, $"internal error: {e.GetType().FullName}: {OneLine(e.Message)}; this is a bug in rdiffsharp {Version}, please report it with the command line", ExitCodes.Fatal);
        }
    }

    public static string Version =>
        typeof(Cli).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    /// <summary>The line for an exception that escaped every thread's own handling (a finalizer, a thread of our own).</summary>
    public static string Unhandled(object exception) => exception is Exception e
        ? $"rdiffsharp: internal error: {e.GetType().FullName}: {OneLine(e.Message)}; this is a bug in rdiffsharp {Version}, please report it with the command line"
        : "rdiffsharp: internal error; this is a bug, please report it with the command line";

    private static int Dispatch(string[] args, TextWriter output, TextWriter error, CancellationToken stop)
    {
        if (args.Length == 0)
        {
            throw new UsageException("no command given; see rdiffsharp --help");
        }
        // Words after "--" are locations (complete's words among them), never requests for help.
        string[] options = [.. args.TakeWhile(a => a != "--")];
        if (options.Any(a => a is "-h" or "--help") || args[0] == "help")
        {
            output.Write(Help(args));
            return ExitCodes.Success;
        }
        if (options.Any(a => a is "-V" or "--version") || args[0] == "version")
        {
            output.WriteLine($"rdiffsharp {Version}");
            return ExitCodes.Success;
        }
        ParsedArguments parsed = ArgumentParser.Parse(args);
        if (parsed.Has("help") || parsed.Has("version"))
        {
            // An abbreviation (--he, --vers) that the parser resolved.
            output.Write(parsed.Has("help") ? Help(args) : $"rdiffsharp {Version}\n");
            return ExitCodes.Success;
        }
        if (RuntimeInfo.Wanted(parsed))
        {
            RuntimeInfo.Write(output, args, parsed);
        }
        // As rdiff-backup's pre-check: an API version out of its range or a --tempdir that is not a
        // directory stops every action.
        BackupCommand.ApiVersion(parsed);
        if (BackupCommand.TempDirectory(parsed) is byte[] tempDirectory)
        {
            ScratchDirectory.CheckParent(tempDirectory);
        }
        if (RemoteActionCommand.Applies(parsed))
        {
            return RemoteActionCommand.Run(parsed, output, error);
        }
        var printing = new StoppingWriter(output, stop);
        return parsed.Action switch
        {
            "backup" => BackupCommand.Run(parsed, output, error, stop),
            "restore" => RestoreCommand.Run(parsed, output, error, stop),
            "list increments" or "list files" => ListCommand.Run(parsed, printing),
            "calculate" => CalculateCommand.Run(parsed, printing),
            "verify" => VerifyCommand.Run(parsed, output, error, stop),
            "compare" => CompareCommand.Run(parsed, output, error, stop),
            "status" => StatusCommand.Run(parsed, printing),
            "info" => InfoCommand.Run(args, parsed, output),
            "complete" => CompleteCommand.Run(parsed, output, error),
            "server" => ServerCommand.Run(parsed),
            "test" => TestCommand.Run(parsed, output, error),
            // Both finish what they started: a repair or a removal cut short at a signal gains nothing.
            "regress" => RegressCommand.Run(parsed, output, error),
            "remove increments" => RemoveCommand.Run(parsed, output, error),
            "list" => throw new UsageException("list needs what to list: rdiffsharp list increments REPO or rdiffsharp list files [--at TIME] REPO"),
            "remove" => throw new UsageException("remove needs what to remove: rdiffsharp remove increments --older-than TIME REPO"),
            _ => throw new UsageException($"'{parsed.Action}' is not supported by this version of rdiffsharp yet; see rdiffsharp --help"),
        };
    }

    /// <summary>
    /// `ACTION --help` describes the action, `--new --help` the 2.x command line, and `--help` alone
    /// everything with the exit codes; a command line too broken to tell gets the whole help.
    /// </summary>
    private static string Help(string[] args)
    {
        string whole = HelpText.Text + ExitCodes.Table + "\n";
        if (args[0] == "help")
        {
            return whole;
        }
        ParsedArguments parsed;
        try
        {
            parsed = ArgumentParser.Parse(args);
        }
        catch (UsageException)
        {
            return whole;
        }
        if (parsed.NewStyle)
        {
            return ActionHelp.For(OptionTable.Action(parsed.Action) ?? OptionTable.Actions.SelectMany(a => a.Entities).First(e => e.Name == parsed.Action));
        }
        return parsed.Has("new") && !parsed.Has("no-new") ? ActionHelp.Global() : whole;
    }

    /// <summary>What a signal left behind, by action (a backup says so itself: <see cref="StoppedException"/>).</summary>
    private static string Stopped(string[] args)
    {
        ParsedArguments parsed = ArgumentParser.Parse(args);
        return parsed.Action switch
        {
            "restore" => $"the restore stopped part way: '{parsed.Locations[1]}' is incomplete; restore again with --force to finish it",
            _ => $"{parsed.Action} stopped; nothing in the repository was changed",
        };
    }

    private static int Report(TextWriter error, string message, int code)
    {
        try
        {
            error.WriteLine($"rdiffsharp: {message}");
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // Standard error is gone (a closed pipe): the exit code still tells.
        }
        return code;
    }

    // .NET's own messages may span lines ("Actual value was ..."); ours are written as they should print.
    private static string OneLine(string message) => message.ReplaceLineEndings(" ");
}
