// The compare view's data: selected runs grouped into series (same target, experiment and revision), one row per
// scenario·metric, each series compared with the baseline series by the shared noise rule (core/lab/noise.ts).
// Pure: no DOM, tested in Node.
import type { BenchResult, Metric } from '../../bench/lib/result.ts';
import { compareMetric, type Comparison } from '../../core/lab/noise.ts';
import { shortRev } from './format.ts';

export interface Series {
  readonly label: string;
  /** The series' run for each scenario. */
  readonly runs: ReadonlyMap<string, BenchResult>;
}

export interface Cell {
  readonly metric: Metric | null;
  /** Against the baseline series' metric; null when either is missing or the units differ. */
  readonly cmp: Comparison | null;
}

export interface Row {
  readonly scenario: string;
  readonly metric: string;
  readonly unit: string;
  readonly better: 'higher' | 'lower';
  /** One per series, baseline first. */
  readonly cells: readonly Cell[];
}

export interface ComparisonModel {
  /** Baseline first. */
  readonly series: readonly Series[];
  readonly rows: readonly Row[];
}

const keyOf = (r: BenchResult) => `${r.target}\u0000${r.experiment ?? ''}\u0000${r.git_revision}\u0000${r.git_dirty}`;

/** Labels made of only what tells the series apart: experiment (or target), then target, revision, dirtiness. */
function labels(groups: readonly BenchResult[][]): string[] {
  const firsts = groups.map((g) => g[0]!);
  const differs = (f: (r: BenchResult) => unknown) => new Set(firsts.map(f)).size > 1;
  const byTarget = differs((r) => r.target);
  const byRev = differs((r) => r.git_revision);
  const byDirty = differs((r) => r.git_dirty);
  const out = firsts.map((r) => {
    const parts = [r.experiment ?? r.target];
    if (byTarget && r.experiment !== null) parts.push(r.target);
    if (byRev) parts.push(`@${shortRev(r.git_revision)}`);
    if (byDirty && r.git_dirty) parts.push('(dirty)');
    return parts.join(' ');
  });
  // Series with equal labels (repeated runs of one configuration) are numbered #1, #2, …
  const total = new Map<string, number>();
  for (const l of out) total.set(l, (total.get(l) ?? 0) + 1);
  const seen = new Map<string, number>();
  return out.map((l) => {
    if (total.get(l)! === 1) return l;
    const n = (seen.get(l) ?? 0) + 1;
    seen.set(l, n);
    return `${l} #${n}`;
  });
}

export function buildComparison(runs: readonly BenchResult[], baselineId: string): ComparisonModel {
  const base = runs.find((r) => r.id === baselineId);
  if (!base) throw new Error(`baseline ${baselineId} is not among the selected runs`);
  // Oldest first, so a series' runs are the first of each scenario; a repeat of a scenario opens another series.
  const ordered = [base, ...runs.filter((r) => r !== base).sort((a, b) => Date.parse(a.started_at) - Date.parse(b.started_at))];
  const groups: BenchResult[][] = [];
  for (const r of ordered) {
    const g = groups.find((g) => keyOf(g[0]!) === keyOf(r) && !g.some((x) => x.scenario === r.scenario));
    if (g) g.push(r);
    else groups.push([r]);
  }
  const names = labels(groups);
  const series: Series[] = groups.map((g, i) => ({ label: names[i]!, runs: new Map(g.map((r) => [r.scenario, r])) }));

  const scenarios = [...new Set(ordered.map((r) => r.scenario))];
  scenarios.sort((a, b) => (a === base.scenario ? -1 : b === base.scenario ? 1 : a.localeCompare(b)));
  const rows: Row[] = [];
  for (const scenario of scenarios) {
    const metricNames: string[] = [];
    for (const s of series) for (const name of Object.keys(s.runs.get(scenario)?.metrics ?? {})) if (!metricNames.includes(name)) metricNames.push(name);
    for (const name of metricNames) {
      const metrics = series.map((s) => s.runs.get(scenario)?.metrics[name] ?? null);
      const baseMetric = metrics[0] ?? null;
      const first = metrics.find((m) => m !== null)!;
      rows.push({
        scenario, metric: name, unit: first.unit, better: first.better,
        cells: metrics.map((m) => ({ metric: m, cmp: baseMetric && m && m.unit === baseMetric.unit ? compareMetric(baseMetric, m) : null })),
      });
    }
  }
  return { series, rows };
}

/** Percent change of a value against the baseline median (the compare chart's y axis). */
export const pctOf = (value: number, baseMedian: number): number => (value / baseMedian - 1) * 100;
