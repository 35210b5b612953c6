// The history view's data: one scenario's metric over runs ordered by start time, one line per configuration
// (target and experiment). Pure: no DOM, tested in Node.
import type { BenchResult } from '../../bench/lib/result.ts';
import type { Range } from './error-bars.ts';
import { dateTime, shortRev } from './format.ts';

export interface HistorySeries {
  readonly label: string;
  /** Aligned with `points`: the median, or null where another configuration ran. */
  readonly values: readonly (number | null)[];
  readonly ranges: readonly Range[];
}

export interface HistoryModel {
  /** One per run, oldest first. */
  readonly points: readonly { run: BenchResult; label: readonly string[] }[];
  readonly series: readonly HistorySeries[];
  readonly unit: string;
  readonly better: 'higher' | 'lower';
}

/** Metric names of a scenario's runs, in first-seen order. */
export function metricNames(runs: readonly BenchResult[]): string[] {
  const out: string[] = [];
  for (const r of runs) for (const m of Object.keys(r.metrics)) if (!out.includes(m)) out.push(m);
  return out;
}

/** The line a run belongs to: its experiment (fluctlight), its target (others), or both. */
export const configOf = (r: BenchResult): string =>
  r.experiment === null ? r.target : r.target === 'fluctlight' ? r.experiment : `${r.target} ${r.experiment}`;

export function buildHistory(runs: readonly BenchResult[], metric: string): HistoryModel | null {
  const withMetric = runs.filter((r) => r.metrics[metric]).sort((a, b) => Date.parse(a.started_at) - Date.parse(b.started_at));
  if (withMetric.length === 0) return null;
  const configs = [...new Set(withMetric.map(configOf))];
  // The baseline configuration first, so it gets the first colour.
  configs.sort((a, b) => (a === 'baseline' ? -1 : b === 'baseline' ? 1 : a.localeCompare(b)));
  const series = configs.map((c) => ({
    label: c,
    values: withMetric.map((r) => (configOf(r) === c ? r.metrics[metric]!.median : null)),
    ranges: withMetric.map((r): Range => (configOf(r) === c ? [r.metrics[metric]!.min, r.metrics[metric]!.max] : null)),
  }));
  const first = withMetric[0]!.metrics[metric]!;
  return {
    points: withMetric.map((run) => ({ run, label: [`${shortRev(run.git_revision)}${run.git_dirty ? '+' : ''}`, dateTime(run.started_at)] })),
    series, unit: first.unit, better: first.better,
  };
}
