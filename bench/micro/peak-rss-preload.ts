// Preloaded into micro-benchmark processes (node --import): reports the process's peak RSS on stderr at exit,
// as "FL_BENCH_PEAK_RSS <bytes>", for the runner to record (the parent cannot read a dead child's VmHWM).
process.on('exit', () => {
  process.stderr.write(`\nFL_BENCH_PEAK_RSS ${process.resourceUsage().maxRSS * 1024}\n`);
});
