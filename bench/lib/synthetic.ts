// Synthetic BenchResults for tests of the writer, the compare table and the noise rule.
import type { EnvInfo } from './env-info.ts';
import { makeResult, type Measured } from './make-result.ts';
import { metricOf, type BenchResult } from './result.ts';

export const TEST_ENV: EnvInfo = { git_revision: 'abc123', git_dirty: false, node_version: '20.20.2', cpu_model: 'Test CPU', cpu_count: 2 };

/** A load result with a throughput metric from `rps` samples and a p99 metric from `p99` samples. */
export function syntheticResult(o: Partial<Measured> & { rps?: number[]; p99?: number[]; run?: string } = {}): BenchResult {
  const { rps = [1000, 1010, 990], p99 = [2, 2.1, 1.9], run = '20260101T000000Z', ...m } = o;
  return makeResult(TEST_ENV, {
    scenario: 'key-get', kind: 'load', target: 'fluctlight', experiment: 'baseline',
    startedAt: new Date('2026-01-01T00:00:00Z'), durationMs: 1234.4, params: { run, connections: 8 },
    metrics: { throughput: metricOf(rps, 'req/s', 'higher'), p99_latency: metricOf(p99, 'ms', 'lower') },
    errors: 0, errorSamples: [], peakRssBytes: 100 * 1024 * 1024,
    ...m,
  });
}
