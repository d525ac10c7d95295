using RdiffCli;
using RdiffCli.Commands;

return Cli.Run(OsArguments.Read(args), Console.Out, Console.Error);
