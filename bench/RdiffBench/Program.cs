using BenchmarkDotNet.Running;
using RdiffBench;

// `micro [BenchmarkDotNet args]` runs the inner-loop benchmarks; the other verbs run one
// whole-file operation so that bench/delta-1gib.sh can time them beside rdiff.
if (args.Length > 0 && args[0] == "micro")
{
    BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args[1..]);
    return 0;
}
return FileCommands.Run(args);
