// Turns measured windows into result fields: throughput and latency metrics, percentiles, errors, ratios.
import type { BenchResult, Metric } from '../lib/result.ts';
import { metricOf } from '../lib/result.ts';
import type { Window } from './interleave.ts';

const median = (xs: readonly number[]): number => metricOf(xs, '', 'lower').median;

/**
 * throughput (req/s), p50_latency and p99_latency (ms) per window; server_cpu (cores) and
 * server_cpu_per_request (µs of server CPU per request) when the server's pid is known.
 * latency_ms is the median over windows of each percentile (windows are not merged: wrk gives no histogram).
 */
export function windowMetrics(ws: readonly Window[], prefix = ''): { metrics: Record<string, Metric>; latency: NonNullable<BenchResult['latency_ms']> } {
  const metrics: Record<string, Metric> = {
    [`${prefix}throughput`]: metricOf(ws.map((w) => w.sample.rps), 'req/s', 'higher'),
    [`${prefix}p50_latency`]: metricOf(ws.map((w) => w.sample.latencyMs.p50), 'ms', 'lower'),
    [`${prefix}p99_latency`]: metricOf(ws.map((w) => w.sample.latencyMs.p99), 'ms', 'lower'),
  };
  const cores = ws.map((w) => w.serverCores).filter((c): c is number => c !== null);
  if (cores.length === ws.length && cores.length > 0) {
    metrics[`${prefix}server_cpu`] = metricOf(cores, 'cores', 'lower');
    // CPU time per request: the server's efficiency, steadier than throughput when other work steals the core.
    const perRequest = finiteMetric(ws.map((w) => (w.serverCores! * 1e6) / w.sample.rps), 'µs', 'lower');
    if (perRequest) metrics[`${prefix}server_cpu_per_request`] = perRequest;
  }
  const pct = (k: keyof Window['sample']['latencyMs']) => median(ws.map((w) => w.sample.latencyMs[k]));
  return { metrics, latency: { p50: pct('p50'), p90: pct('p90'), p99: pct('p99'), p999: pct('p999'), max: Math.max(...ws.map((w) => w.sample.latencyMs.max)) } };
}

export function windowErrors(ws: readonly Window[]): { errors: number; samples: string[] } {
  return { errors: ws.reduce((n, w) => n + w.sample.errors, 0), samples: ws.flatMap((w) => w.sample.errorSamples) };
}

/**
 * Per-round ratios a[i] / b[i] of two contenders measured in the same interleaved rounds: pairing cancels
 * drifts that hit both, so the ratio's spread is smaller than the two throughputs' spreads suggest.
 */
export function pairedRatios(a: readonly number[], b: readonly number[]): number[] {
  if (a.length !== b.length) throw new Error(`pairedRatios: ${a.length} vs ${b.length} rounds`);
  return a.map((x, i) => x / b[i]!);
}

/** metricOf over the finite samples only (a window with no completed request gives 0/0); null if none is. */
export function finiteMetric(samples: readonly number[], unit: string, better: 'higher' | 'lower'): Metric | null {
  const ok = samples.filter(Number.isFinite);
  return ok.length > 0 ? metricOf(ok, unit, better) : null;
}

const r3 = (x: number) => Math.round(x * 1000) / 1000;

/** Per-window CPU diagnostics for params: the server process's cores, and how busy the pinned cores were. */
export function cpuDiagnostics(ws: readonly Window[]): Record<string, (number | null)[]> {
  const col = (f: (w: Window) => number | null) => ws.map((w) => { const v = f(w); return v === null ? null : r3(v); });
  return { server_process_cores: col((w) => w.serverCores), server_core_busy: col((w) => w.serverCoreBusy), generator_core_busy: col((w) => w.generatorCoreBusy) };
}

/**
 * Why a server used well under one core, when the windows tell: its core busy with other processes (starved),
 * or the generator's core saturated (the generator set the pace). null when the server was the bottleneck.
 */
export function bottleneckNote(ws: readonly Window[]): string | null {
  const med = (f: (w: Window) => number | null) => {
    const xs = ws.map(f).filter((x): x is number => x !== null);
    return xs.length === ws.length && xs.length > 0 ? median(xs) : null;
  };
  const server = med((w) => w.serverCores);
  if (server === null || server >= 0.85) return null;
  const serverBusy = med((w) => w.serverCoreBusy);
  const genBusy = med((w) => w.generatorCoreBusy);
  const parts = [`the server process used ${server.toFixed(2)} cores (median)`];
  if (serverBusy !== null && serverBusy >= 0.9) parts.push(`while its core was ${(serverBusy * 100).toFixed(0)}% busy: other processes took the rest (starved)`);
  if (genBusy !== null && genBusy >= 0.9) parts.push(`the generator's core was ${(genBusy * 100).toFixed(0)}% busy: the generator (or what shares its core) set the pace`);
  if (parts.length === 1) parts.push('with idle time on its core: the generator or the connection count set the pace');
  return parts.join(', ') + ' — throughput here measures the machine; compare server_cpu_per_request instead';
}
