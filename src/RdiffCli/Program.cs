using RdiffCli;

return Cli.Run(args, Console.Out, Console.Error);
