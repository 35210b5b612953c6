// `npm run bench`: runs benchmark scenarios and writes bench/results/<id>.json, or compares two runs.
// Everything is documented in `npm run bench -- --help` (bench/lib/help.ts).
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ArgsError, HELP, parseArgs, type RunOptions } from './lib/args.ts';
import { compareSelections, resolveRun } from './lib/compare.ts';
import { experimentSlots } from './lib/experiments.ts';
import { readResults, ResultError } from './lib/result-file.ts';
import { runScenarios } from './lib/runner.ts';
import type { Scenario } from './lib/scenario.ts';
import { selectScenarios } from './lib/select.ts';
import { comparisonTable } from './lib/table.ts';
import { LOAD_SCENARIOS } from './load/index.ts';
import { microScenarios } from './micro/micro-scenarios.ts';

const ROOT = resolve(fileURLToPath(import.meta.url), '..', '..');

function allScenarios(): Scenario[] {
  return [...microScenarios(), ...LOAD_SCENARIOS];
}

function compare(a: string, b: string, out: string | null): number {
  const dir = out ?? join(ROOT, 'bench', 'results');
  const all = readResults(dir);
  const sa = resolveRun(a, dir, all);
  const sb = resolveRun(b, dir, all);
  const describe = (s: typeof sa) => `${s.label} (${s.as}: ${s.results.length} result${s.results.length === 1 ? '' : 's'})`;
  process.stdout.write(`A = ${describe(sa)}\nB = ${describe(sb)}\n\n`);
  process.stdout.write(comparisonTable(compareSelections(sa, sb), sa.label, sb.label) + '\n');
  process.stdout.write('\nverdict: better/worse = B differs from A beyond noise (|Δmedian| > spread A + spread B with ≥ 3 samples each,\n' +
    'else non-overlapping min–max); noise = within it; ? = a run with one sample. spread = 1.4826·MAD.\n');
  return 0;
}

function checkExperiments(o: RunOptions): void {
  for (const e of o.experiments) {
    try {
      experimentSlots(ROOT, e);
    } catch (err) {
      throw new ArgsError(`--experiment: ${(err as Error).message}`);
    }
  }
}

async function main(): Promise<number> {
  const cmd = parseArgs(process.argv.slice(2));
  switch (cmd.kind) {
    case 'help':
      process.stdout.write(HELP + '\n');
      return 0;
    case 'list':
      for (const s of allScenarios()) process.stdout.write(`${s.name.padEnd(14)} ${s.kind.padEnd(6)} ${s.description}\n`);
      return 0;
    case 'compare':
      return compare(cmd.a, cmd.b, cmd.out);
    case 'run': {
      const scenarios = selectScenarios(allScenarios(), cmd.options.scenarios);
      checkExperiments(cmd.options);
      return runScenarios(ROOT, cmd.options, scenarios);
    }
  }
}

try {
  process.exitCode = await main();
} catch (e) {
  if (e instanceof ArgsError || e instanceof ResultError) {
    process.stderr.write(`bench: ${e.message}\n${e instanceof ArgsError ? 'see: npm run bench -- --help\n' : ''}`);
    process.exitCode = 2;
  } else throw e;
}
