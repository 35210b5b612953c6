// /send windows → result metrics: accepted PDUs/s, per-transaction latency percentiles, the server's CPU use.
import type { BenchResult, Metric } from '../../lib/result.ts';
import { metricOf } from '../../lib/result.ts';
import type { Measured } from './fed-run.ts';
import type { Percentiles } from './histogram.ts';
import type { IngestSample } from './ingest.ts';

const median = (xs: readonly number[]): number => metricOf(xs, '', 'lower').median;

/** `prefix`pdus_per_s (headline), txn p50/p99 latency, and server_cpu / server_cpu_per_pdu when the pid is known. */
export function pduMetrics(ws: readonly Measured<IngestSample>[], prefix = ''): Record<string, Metric> {
  const m: Record<string, Metric> = {
    [`${prefix}pdus_per_s`]: metricOf(ws.map((w) => w.value.pdusPerS), 'PDUs/s', 'higher'),
    [`${prefix}txn_p50_latency`]: metricOf(ws.map((w) => w.value.latencyMs.p50), 'ms', 'lower'),
    [`${prefix}txn_p99_latency`]: metricOf(ws.map((w) => w.value.latencyMs.p99), 'ms', 'lower'),
  };
  if (ws.every((w) => w.serverCpuS !== null && w.value.accepted > 0)) {
    m[`${prefix}server_cpu`] = metricOf(ws.map((w) => w.serverCpuS! / w.wallS), 'cores', 'lower');
    // Server CPU per accepted PDU: its efficiency, steadier than throughput when other work steals the core.
    m[`${prefix}server_cpu_per_pdu`] = metricOf(ws.map((w) => (w.serverCpuS! * 1e6) / w.value.accepted), 'µs', 'lower');
  }
  return m;
}

/** latency_ms: the median over windows of each percentile (max: the largest). */
export function medianLatency(ws: readonly { value: { latencyMs: Percentiles } }[]): NonNullable<BenchResult['latency_ms']> {
  const pct = (k: 'p50' | 'p90' | 'p99' | 'p999') => median(ws.map((w) => w.value.latencyMs[k]));
  return { p50: pct('p50'), p90: pct('p90'), p99: pct('p99'), p999: pct('p999'), max: Math.max(...ws.map((w) => w.value.latencyMs.max)) };
}
