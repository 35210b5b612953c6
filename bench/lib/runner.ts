// Runs the selected scenarios: starts each load scenario's targets, checks needs, runs, writes one result file
// per (scenario, target, experiment), stops the targets, and prints a summary. Returns the exit status.
import { loadavg } from 'node:os';
import { join, relative } from 'node:path';
import type { RunOptions } from './args.ts';
import { collectEnv } from './env-info.ts';
import { closeHttp } from './http.ts';
import { choosePinning } from './proc.ts';
import { Progress } from './progress.ts';
import type { BenchResult } from './result.ts';
import { compactTime, freeId, writeResult } from './result-file.ts';
import { resolveParams, type Contender, type RunContext, type Scenario } from './scenario.ts';
import { contenderCount } from './select.ts';
import { formatValue } from './table.ts';
import { spread } from './noise.ts';
import { chooseGenerator } from '../load/generators/choose.ts';
import type { LoadGenerator } from '../load/generators/generator.ts';
import { unmetNeed } from '../load/needs.ts';
import { startContenders } from '../load/targets/index.ts';

function headline(r: BenchResult): string {
  const [name, m] = Object.entries(r.metrics)[0]!;
  const rel = m.median !== 0 && m.samples.length > 1 ? ` ±${((spread(m) / Math.abs(m.median)) * 100).toFixed(1)}%` : '';
  return `${name} ${formatValue(m.median, m.unit)}${rel} (n=${m.samples.length})`;
}

/** A generator that refuses to run: micro scenarios get it, load scenarios never see it. */
const NO_GENERATOR: LoadGenerator = {
  name: 'node', version: 'none', unsupported: () => 'no generator', run: () => Promise.reject(new Error('no load generator')),
};

export async function runScenarios(root: string, o: RunOptions, scenarios: readonly Scenario[]): Promise<number> {
  const progress = new Progress();
  const env = collectEnv(root);
  const pinning = choosePinning(o.pin);
  const generator = scenarios.some((s) => s.kind === 'load') ? chooseGenerator(o.generator) : NO_GENERATOR;
  const run = compactTime(new Date());
  const outDir = o.out ?? join(root, 'bench', 'results');
  const live = new Set<Contender>();
  const onSignal = (sig: NodeJS.Signals) => {
    progress.stop();
    process.stderr.write(`\n${sig}: stopping ${live.size} server(s)\n`);
    void Promise.allSettled([...live].map((c) => c.stop())).then(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  const plan = scenarios.flatMap((s) => {
    const targets = s.kind === 'micro' ? ['fluctlight'] : (o.targets ?? s.defaultTargets);
    if (s.kind === 'micro' && o.targets !== null && !o.targets.includes('fluctlight')) {
      progress.log(`skipping ${s.name}: micro-benchmarks measure Fluctlight's implementations (fluctlight is not among --target)`);
      return [];
    }
    const params = resolveParams(s, o);
    const n = s.kind === 'micro' ? 1 : contenderCount(targets, o.experiments);
    return [{ s, targets, params, estimate: s.estimateS(params, n) }];
  });
  const genText = !plan.some((p) => p.s.kind === 'load') ? 'none (micro only)' : generator.name === 'wrk' ? generator.version : 'node (undici, own process)';
  progress.log(`bench run ${run}: ${plan.map((p) => p.s.name).join(', ')} — generator ${genText}, ` +
    `pinning ${pinning.pinned ? `generator cpu ${pinning.generator_cpus}, server cpu ${pinning.server_cpus}` : `off (${pinning.reason})`}` +
    `${env.git_dirty ? ', git tree dirty' : ''}`);
  progress.plan(plan.reduce((t, p) => t + p.estimate, 0));

  const written: string[] = [];
  const failures: string[] = [];
  const summary: string[] = [];
  for (const { s, targets, params, estimate } of plan) {
    progress.scenario(s.name, estimate);
    const load0 = loadavg();
    let contenders: Contender[] = [];
    try {
      if (s.kind === 'load') {
        const started = await startContenders({
          root, targets, experiments: o.experiments, serverCpus: pinning.pinned ? pinning.server_cpus : null,
          started: (c) => live.add(c), log: (l) => progress.step(l),
        });
        contenders = started.contenders;
        for (const f of started.failed) {
          failures.push(`${s.name}: could not start ${f.label}`);
          progress.log(`${s.name}: could not start ${f.label}: ${f.error}`);
        }
        const ready: Contender[] = [];
        for (const c of contenders) {
          const why = await unmetNeed(c, s.needs);
          if (why) progress.log(`${s.name}: skipping ${c.label}: ${why}`);
          else ready.push(c);
        }
        if (ready.length === 0) {
          progress.log(`${s.name}: no target can run it, skipped`);
          continue;
        }
        const ctx: RunContext = { root, options: o, params, run, env, pinning, generatorChoice: o.generator, generator, contenders: ready, progress };
        await record(await s.run(ctx), load0);
      } else {
        const ctx: RunContext = { root, options: o, params, run, env, pinning, generatorChoice: o.generator, generator, contenders: [], progress };
        await record(await s.run(ctx), load0);
      }
    } catch (e) {
      failures.push(`${s.name}: ${(e as Error).message.split('\n')[0]}`);
      progress.log(`${s.name} failed: ${(e as Error).stack ?? (e as Error).message}`);
    } finally {
      for (const c of contenders) {
        await c.stop().catch((e: Error) => progress.log(`stopping ${c.label}: ${e.message}`));
        live.delete(c);
      }
    }
  }
  progress.stop();
  await closeHttp();
  process.removeListener('SIGINT', onSignal);
  process.removeListener('SIGTERM', onSignal);

  const lines = ['', `results (${written.length}) in ${relative(process.cwd(), outDir) || '.'}/:`, ...written.map((w) => `  ${w}`)];
  if (summary.length > 0) lines.push('', ...summary);
  if (failures.length > 0) lines.push('', 'FAILED:', ...failures.map((f) => `  ${f}`));
  process.stdout.write(lines.join('\n') + '\n');
  return failures.length > 0 ? 1 : 0;

  /** Writes the results, adding the machine's load averages (1, 5, 15 min) before and after the scenario. */
  async function record(outcome: { results: readonly BenchResult[]; failures: readonly string[]; summary: readonly string[] }, load0: number[]): Promise<void> {
    const load1 = loadavg();
    const round = (xs: number[]) => xs.map((x) => Math.round(x * 100) / 100);
    for (const r of outcome.results) {
      const id = freeId(outDir, r.id);
      const params = { ...r.params, loadavg_before: round(load0), loadavg_after: round(load1) };
      const path = writeResult(outDir, { ...r, id, params });
      written.push(`${relative(outDir, path)}  ${r.target}${r.experiment ? '@' + r.experiment : ''}: ${headline(r)}`);
    }
    failures.push(...outcome.failures);
    summary.push(...outcome.summary);
    for (const line of outcome.summary) progress.log(line);
  }
}
