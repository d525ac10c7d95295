using RdiffCli;
using RdiffCli.Commands;

// An exception no handler of its own thread caught (a finalizer, a thread the runtime started):
// one line and the fatal code, not the runtime's stack trace and abort.
AppDomain.CurrentDomain.UnhandledException += (_, e) =>
{
    Console.Error.WriteLine(Cli.Unhandled(e.ExceptionObject));
    Environment.Exit(ExitCodes.Fatal);
};
using var stop = new SignalStop();
return Cli.Run(OsArguments.Read(args), Console.Out, Console.Error, stop);
