// Reads `<x>.bench.ts --json` output on stdin and prints one line per benchmark: group, name, median.
//
//   node --expose-gc --import tsx bench/micro/signer.bench.ts --json | node --import tsx bench/micro/medians.ts
import { text } from 'node:stream/consumers';

interface Report {
  layout: { name: string | null }[];
  benchmarks: { alias: string; group: number; runs: { name: string; stats?: { p50: number }; error?: unknown }[] }[];
}

function formatNs(ns: number): string {
  if (ns >= 1e6) return `${(ns / 1e6).toFixed(2)} ms`;
  if (ns >= 1e3) return `${(ns / 1e3).toFixed(2)} µs`;
  return `${ns.toFixed(1)} ns`;
}

const report = JSON.parse(await text(process.stdin)) as Report;
let lastGroup: string | null | undefined;
for (const b of report.benchmarks) {
  const group = report.layout[b.group]?.name ?? null;
  if (group !== lastGroup) process.stdout.write(`${group ?? '(no group)'}\n`);
  lastGroup = group;
  for (const run of b.runs) {
    const median = run.stats ? formatNs(run.stats.p50) : `error: ${JSON.stringify(run.error)}`;
    process.stdout.write(`  ${run.name.padEnd(32)} median ${median}\n`);
  }
}
