using RdiffFiles;

// One whole-file operation of the delta engine per process, so that bench/delta-1gib.sh and
// bench/delta-memory.sh can time them beside rdiff.
return FileCommands.Run(args);
