// Test support: valid BenchResult files made from a seeded PRNG (results API tests and the dashboard's browser test).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { metricOf, type BenchResult } from '../../bench/lib/result.ts';
import { prng, type Prng } from '../../bench/fixtures/prng.ts';

export interface MetricSpec {
  unit: string;
  better: 'higher' | 'lower';
  /** Typical value and relative noise (0.02 = ±2 %). */
  center: number;
  noise: number;
}

export interface ResultSpec {
  scenario: string;
  kind?: 'micro' | 'load';
  target?: string;
  experiment?: string | null;
  revision: string;
  startedAt: string;
  metrics: Record<string, MetricSpec>;
  slots?: Record<string, string>;
  repeats?: number;
}

const compact = (iso: string) => iso.replace(/[-:]/g, '').replace(/\.\d+/, '');

export function makeResult(s: ResultSpec, rng: Prng): BenchResult {
  const target = s.target ?? 'fluctlight';
  const experiment = s.experiment === undefined ? 'baseline' : s.experiment;
  const n = s.repeats ?? 5;
  const metrics = Object.fromEntries(Object.entries(s.metrics).map(([name, m]) => {
    const samples = Array.from({ length: n }, () => m.center * (1 + (rng.next() * 2 - 1) * m.noise));
    return [name, metricOf(samples, m.unit, m.better)];
  }));
  const kind = s.kind ?? 'micro';
  const p = (q: number) => Math.round(q * 1000) / 1000;
  return {
    id: `${compact(s.startedAt)}_${s.scenario}_${target}_${experiment ?? 'none'}`,
    scenario: s.scenario, kind, target, experiment, slots: s.slots ?? {},
    git_revision: s.revision, git_dirty: false, node_version: 'v20.20.0', cpu_model: 'Test CPU @ 3.00GHz', cpu_count: 8,
    started_at: s.startedAt, duration_ms: 1000 * n, params: { repeats: n },
    metrics,
    ...(kind === 'load' ? { latency_ms: { p50: p(1.2), p90: p(2.5), p99: p(4.8), p999: p(9.1), max: p(15) } } : {}),
    errors: 0, error_samples: [], peak_rss_bytes: 80 * 1024 * 1024,
  };
}

export function writeResult(dir: string, r: BenchResult): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${r.id}.json`), JSON.stringify(r, null, 2));
}

const REVISIONS = [
  '3f9a1c2e7b4d5f60718293a4b5c6d7e8f9a0b1c2', '8c2e4d6f1a3b5c7d9e0f1a2b3c4d5e6f7a8b9c0d', '5d0e7a9c2b4f6e8d0c1b3a5f7e9d1c3b5a7f9e1d',
  'e4a6c8b0d2f4a6c8e0b2d4f6a8c0e2b4d6f8a0c2', '0b9c7d5e3f1a9b7c5d3e1f0a2b4c6d8e0f2a4b6c', 'b71d9e3a5c7f1e2d3c4b5a69788796a5b4c3d2e1',
];
/** Each revision's speed relative to the first (some got faster, one regressed a little). */
const DRIFT = [1, 0.97, 0.99, 0.93, 0.94, 0.9];

/**
 * A realistic little results dir: micro scenarios over six revisions and several experiments, one load
 * scenario, and a Synapse reference run. Returns what was written (newest last).
 */
export function sampleResults(seed = 7): { results: BenchResult[]; reference: BenchResult[] } {
  const rng = prng(seed);
  const day = (d: number, h = 12) => new Date(Date.UTC(2025, 10, 20 + d, h, 0, 0)).toISOString();
  const results: BenchResult[] = [];
  REVISIONS.forEach((revision, i) => {
    const drift = DRIFT[i]!;
    results.push(makeResult({ scenario: 'signer', revision, startedAt: day(i, 10), metrics: {
      sign: { unit: 'ns', better: 'lower', center: 21_000 * drift, noise: 0.02 },
      verify: { unit: 'ns', better: 'lower', center: 52_000 * drift, noise: 0.02 },
    } }, rng));
    results.push(makeResult({ scenario: 'canonical-json', revision, startedAt: day(i, 11), metrics: {
      encode: { unit: 'ns', better: 'lower', center: 4_800 * drift, noise: 0.03 },
      'encode-large': { unit: 'ns', better: 'lower', center: 96_000 * drift, noise: 0.03 },
    } }, rng));
  });
  const last = REVISIONS.at(-1)!;
  const lastDay = REVISIONS.length - 1;
  results.push(makeResult({ scenario: 'signer', experiment: 'tweetnacl', revision: last, startedAt: day(lastDay, 13), metrics: {
    sign: { unit: 'ns', better: 'lower', center: 410_000, noise: 0.03 },
    verify: { unit: 'ns', better: 'lower', center: 980_000, noise: 0.03 },
  } }, rng));
  results.push(makeResult({ scenario: 'canonical-json', experiment: 'naive', revision: last, startedAt: day(lastDay, 14), metrics: {
    encode: { unit: 'ns', better: 'lower', center: 7_900, noise: 0.03 },
    'encode-large': { unit: 'ns', better: 'lower', center: 171_000, noise: 0.03 },
  } }, rng));
  results.push(makeResult({ scenario: 'canonical-json', experiment: 'streaming-hash', revision: last, startedAt: day(lastDay, 15), metrics: {
    encode: { unit: 'ns', better: 'lower', center: 4_450, noise: 0.03 },
    'encode-large': { unit: 'ns', better: 'lower', center: 89_000, noise: 0.05 },
  } }, rng));
  for (const [experiment, center] of [['baseline', 5200], ['tweetnacl', 1900]] as const) {
    results.push(makeResult({ scenario: 'send-transaction', kind: 'load', experiment, revision: last, startedAt: day(lastDay, experiment === 'baseline' ? 16 : 17), metrics: {
      throughput: { unit: 'req/s', better: 'higher', center, noise: 0.04 },
      p99_latency: { unit: 'ms', better: 'lower', center: 5200 / center * 4.8, noise: 0.08 },
    } }, rng));
  }
  const reference = [makeResult({ scenario: 'send-transaction', kind: 'load', target: 'synapse', experiment: null, revision: 'v1.120.0', startedAt: day(1, 9), metrics: {
    throughput: { unit: 'req/s', better: 'higher', center: 640, noise: 0.06 },
    p99_latency: { unit: 'ms', better: 'lower', center: 61, noise: 0.1 },
  } }, rng)];
  return { results, reference };
}

/** Writes sampleResults() into `dir` (and dir/reference), plus two broken files the lab must skip. */
export function writeSampleResults(dir: string, seed = 7): { results: BenchResult[]; reference: BenchResult[] } {
  const s = sampleResults(seed);
  for (const r of s.results) writeResult(dir, r);
  for (const r of s.reference) writeResult(join(dir, 'reference'), r);
  writeFileSync(join(dir, 'broken.json'), '{"id": "broken", "scenario":');
  writeFileSync(join(dir, 'not-a-result.json'), JSON.stringify({ id: 'not-a-result', scenario: 'x' }));
  return s;
}
