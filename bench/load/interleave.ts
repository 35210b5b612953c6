// The measuring loop shared by load scenarios: one window of load against one contender (with the server's
// CPU use over it), and interleaved rounds over several contenders (A, B, A, B, …) after a warm-up each,
// so slow drifts of a noisy machine hit every contender alike.
import { cpuJiffies, cpuList, cpuSeconds } from '../lib/proc.ts';
import type { Contender, RunContext } from '../lib/scenario.ts';
import { formatValue } from '../lib/table.ts';
import type { LoadSample, RequestSpec } from './generators/generator.ts';

export interface Window {
  readonly sample: LoadSample;
  /** Server CPU over the window, in cores (1 = one core fully busy); null when the pid is unknown. */
  readonly serverCores: number | null;
  /**
   * How busy the pinned cores were over the window, by anyone (0–1; null unpinned). A server core near 1 with
   * the server process well below it means other processes took the core: the machine, not us, set the pace.
   */
  readonly serverCoreBusy: number | null;
  readonly generatorCoreBusy: number | null;
}

export interface Load {
  readonly requests: readonly RequestSpec[];
  readonly rate?: number;
}

export async function measureWindow(ctx: RunContext, c: Contender, load: Load, durationS: number): Promise<Window> {
  const cpu0 = c.pid === null ? null : cpuSeconds(c.pid);
  const pin = ctx.pinning.pinned ? ctx.pinning : null;
  const serverCpus = pin ? cpuList(pin.server_cpus) : [];
  const generatorCpus = pin ? cpuList(pin.generator_cpus) : [];
  const s0 = cpuJiffies(serverCpus);
  const g0 = cpuJiffies(generatorCpus);
  const t0 = performance.now();
  const sample = await ctx.generator.run({
    origin: c.origin, requests: load.requests, connections: ctx.params.connections, durationS,
    cpus: ctx.pinning.pinned ? ctx.pinning.generator_cpus : null, ...(load.rate === undefined ? {} : { rate: load.rate }),
  });
  const wallS = (performance.now() - t0) / 1000;
  const cpu1 = c.pid === null ? null : cpuSeconds(c.pid);
  const serverCores = cpu0 === null || cpu1 === null ? null : (cpu1 - cpu0) / wallS;
  const busy = (a: ReturnType<typeof cpuJiffies>, b: ReturnType<typeof cpuJiffies>) =>
    pin && a && b && b.total > a.total ? (b.busy - a.busy) / (b.total - a.total) : null;
  return { sample, serverCores, serverCoreBusy: busy(s0, cpuJiffies(serverCpus)), generatorCoreBusy: busy(g0, cpuJiffies(generatorCpus)) };
}

/** Warm-up windows (discarded), then `repeats` rounds over all contenders; windows per contender label. */
export async function interleave(ctx: RunContext, contenders: readonly Contender[], load: Load): Promise<Map<string, Window[]>> {
  const { repeats, durationS, warmupS } = ctx.params;
  const out = new Map<string, Window[]>(contenders.map((c) => [c.label, []]));
  if (warmupS > 0) {
    for (const c of contenders) {
      ctx.progress.step(`warm-up ${c.label} (${warmupS} s)`);
      await measureWindow(ctx, c, load, warmupS);
    }
  }
  for (let r = 1; r <= repeats; r++) {
    for (const c of contenders) {
      ctx.progress.step(`round ${r}/${repeats}: ${c.label} (${durationS} s)`);
      const w = await measureWindow(ctx, c, load, durationS);
      out.get(c.label)!.push(w);
      ctx.progress.rate(`${c.label} ${formatValue(w.sample.rps, 'req/s')}` + (w.sample.errors ? `, ${w.sample.errors} errors` : ''));
    }
  }
  return out;
}
