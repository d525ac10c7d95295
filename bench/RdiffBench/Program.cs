using BenchmarkDotNet.Running;
using RdiffBench;

// The inner-loop benchmarks (BenchmarkDotNet; `micro` may come first, as before). The whole-file
// operations live in bench/RdiffFiles, built natively as rdiffsharp is.
string[] options = args.Length > 0 && args[0] == "micro" ? args[1..] : args;
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(options);
return 0;
