// One micro scenario per bench/micro/<name>.bench.ts: each repeat runs the file in a fresh child process
// (`--expose-gc`, so mitata's .gc('inner') / .gc('once') can collect between benchmarks) with --json, and
// every benchmark becomes a metric "<group>/<implementation>" in ns/op (samples = each process's p50).
import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { experimentSlots } from '../lib/experiments.ts';
import { makeResult } from '../lib/make-result.ts';
import { pinned } from '../lib/proc.ts';
import { metricOf, type Metric } from '../lib/result.ts';
import type { RunContext, Scenario, ScenarioOutcome, ScenarioParams } from '../lib/scenario.ts';
import { implFilter, mitataMedians, parseMitata } from './mitata-json.ts';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const PRELOAD = join(HERE, 'peak-rss-preload.ts');

/** Seconds one process took on a 2-core EPYC (full / --quick filter), for the progress estimate only. */
const KNOWN_SECONDS: Readonly<Record<string, [number, number]>> = {
  json: [25, 10], signer: [12, 8], interner: [50, 27], 'pdu-pipeline': [15, 6],
};

export function benchFiles(dir = HERE): string[] {
  return readdirSync(dir).filter((f) => f.endsWith('.bench.ts')).sort();
}

interface ProcessRun { stdout: string; peakRss: number }

function runOnce(ctx: RunContext, file: string, filter: string | null): Promise<ProcessRun> {
  const args = ['--expose-gc', '--import', 'tsx', '--import', PRELOAD, join(HERE, file), '--json', ...(filter ? [`--filter=${filter}`] : [])];
  const [cmd, argv] = pinned(ctx.pinning.pinned ? ctx.pinning.server_cpus : null, process.execPath, args);
  return new Promise((resolve, reject) => {
    execFile(cmd, argv, { cwd: ctx.root, encoding: 'utf8', maxBuffer: 64 << 20, timeout: 30 * 60_000 }, (err, stdout, stderr) => {
      if (err) return reject(new Error(`${file} failed: ${err.message}\n${stderr.slice(-2000)}`));
      const m = /FL_BENCH_PEAK_RSS (\d+)/.exec(stderr);
      resolve({ stdout, peakRss: m ? Number(m[1]) : 0 });
    });
  });
}

function microScenario(file: string): Scenario {
  const name = file.slice(0, -'.bench.ts'.length);
  const params: ScenarioParams = { quick: false, repeats: 3, durationS: 0, warmupS: 0, connections: 0 };
  const [full, quick] = KNOWN_SECONDS[name] ?? [30, 15];
  return {
    name,
    kind: 'micro',
    description: `mitata micro-benchmark bench/micro/${file}, every implementation (ns/op)`,
    needs: [],
    defaultTargets: ['fluctlight'],
    defaults: params,
    quickDefaults: { ...params, quick: true, repeats: 1 },
    estimateS: (p) => p.repeats * (p.quick ? quick : full),

    async run(ctx): Promise<ScenarioOutcome> {
      const startedAt = new Date();
      const t0 = performance.now();
      // --quick: only the first experiment's implementations (mitata's time per benchmark is fixed).
      // A file whose benchmarks are not named by implementation (e.g. state-res) matches nothing: run it whole.
      let filter = ctx.params.quick ? implFilter(Object.values(experimentSlots(ctx.root, ctx.options.experiments[0]!))) : null;
      const samples = new Map<string, number[]>();
      const errors: string[] = [];
      let peak = 0;
      let cpu: unknown = null;
      for (let r = 1; r <= ctx.params.repeats; r++) {
        ctx.progress.step(`process ${r}/${ctx.params.repeats}`);
        let run = await runOnce(ctx, file, filter);
        let report = parseMitata(run.stdout);
        if (filter !== null && report.benchmarks.length === 0) {
          filter = null;
          run = await runOnce(ctx, file, filter);
          report = parseMitata(run.stdout);
        }
        peak = Math.max(peak, run.peakRss);
        cpu ??= report.context?.cpu ?? null;
        const m = mitataMedians(report);
        errors.push(...m.errors);
        for (const [k, v] of m.medians) samples.set(k, [...(samples.get(k) ?? []), v]);
        const first = m.medians.entries().next().value;
        if (first) ctx.progress.rate(`${first[0]} ${(first[1] / 1e3).toFixed(2)} µs`);
      }
      const metrics: Record<string, Metric> = {};
      for (const [k, v] of samples) metrics[k] = metricOf(v, 'ns', 'lower');
      if (samples.size === 0) throw new Error(`${file}: no benchmark produced a result${errors.length ? `: ${errors[0]}` : ''}`);
      const result = makeResult(ctx.env, {
        scenario: name, kind: 'micro', target: 'fluctlight', experiment: null, startedAt, durationMs: performance.now() - t0,
        params: {
          run: ctx.run, quick: ctx.params.quick, file: `bench/micro/${file}`, processes: ctx.params.repeats,
          filter, expose_gc: true, statistic: 'p50 per process (ns/op)', mitata_cpu: cpu,
          pinning: ctx.pinning, bench_cpus: ctx.pinning.pinned ? ctx.pinning.server_cpus : null,
        },
        metrics, errors: errors.length, errorSamples: errors, peakRssBytes: peak,
        notes: 'peak_rss_bytes is the benchmark process\'s own (max over its processes)',
      });
      return { results: [result], failures: errors.length > 0 ? [`${name}: ${errors.length} benchmarks threw`] : [], summary: [] };
    },
  };
}

export function microScenarios(): Scenario[] {
  return benchFiles().map(microScenario);
}
