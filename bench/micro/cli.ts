// Runs the registered mitata benchmarks; `--json` prints one machine-readable JSON document instead.
//
//   node --expose-gc --import tsx bench/micro/<x>.bench.ts [--json] [--filter=<regex on bench name>]
//
// Bench names are implementation names (groups name the scenario), so --filter=tweetnacl keeps one
// implementation. --expose-gc lets mitata collect garbage between batches (`.gc('inner')` needs it).
import { run } from 'mitata';

export async function runBenchmarks(): Promise<void> {
  const argv = process.argv.slice(2);
  const json = argv.includes('--json');
  const filter = argv.find((a) => a.startsWith('--filter='))?.slice('--filter='.length);
  // JSON without per-sample arrays and JIT source: the summary stats (p50 = median) stay.
  await run({
    format: json ? { json: { debug: false, samples: false } } : 'mitata',
    ...(filter === undefined ? {} : { filter: new RegExp(filter) }),
  });
}

/** Prints a note for humans (never into the JSON on stdout). */
export function note(message: string): void {
  process.stderr.write(`${message}\n`);
}
