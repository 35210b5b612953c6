// `--compare A B`: find the two runs' results, pair them by scenario, and judge every shared metric.
import { existsSync, statSync } from 'node:fs';
import type { BenchResult, Metric } from './result.ts';
import { judge, spread, type Verdict } from './noise.ts';
import { readResult, readResults, ResultError } from './result-file.ts';

/** What one side of a comparison resolved to. */
export interface Selection {
  readonly label: string;
  /** How the argument was understood. */
  readonly as: 'file' | 'id' | 'run' | 'experiment';
  readonly results: readonly BenchResult[];
}

const runOf = (r: BenchResult): string => (typeof r.params.run === 'string' ? r.params.run : r.id.split('_')[0]!);

/**
 * A result file path, a result id, a run stamp (every result of one invocation, or of one scenario run: the
 * time prefix of its ids) or an experiment name (the newest result per scenario and target with that
 * experiment), tried in that order.
 */
export function resolveRun(arg: string, dir: string, all: readonly BenchResult[] = readResults(dir)): Selection {
  if (arg.endsWith('.json') || (existsSync(arg) && statSync(arg).isFile())) {
    if (!existsSync(arg)) throw new ResultError(`no such result file: ${arg}`);
    return { label: arg, as: 'file', results: [readResult(arg)] };
  }
  const byId = all.find((r) => r.id === arg);
  if (byId) return { label: arg, as: 'id', results: [byId] };
  // A run stamp (params.run) or the time prefix of ids (one scenario's start), de-duplicated by id
  // (reference/ holds copies of results).
  const seen = new Set<string>();
  const run = all.filter((r) => (runOf(r) === arg || r.id.startsWith(`${arg}_`)) && !seen.has(r.id) && seen.add(r.id));
  if (run.length > 0) return { label: arg, as: 'run', results: run };
  const newest = new Map<string, BenchResult>();
  for (const r of all) if (r.experiment === arg) newest.set(`${r.scenario}\0${r.target}`, r); // `all` is oldest first
  if (newest.size > 0) return { label: arg, as: 'experiment', results: [...newest.values()] };
  throw new ResultError(`"${arg}" is not a result file, result id, run stamp or experiment with results in ${dir}`);
}

export interface CompareRow {
  readonly scenario: string;
  /** e.g. "fluctlight@baseline → fluctlight@naive". */
  readonly subject: string;
  readonly metric: string;
  readonly unit: string;
  readonly a: Metric;
  readonly b: Metric;
  /** median B / median A. */
  readonly ratio: number;
  readonly spreadA: number;
  readonly spreadB: number;
  readonly verdict: Verdict;
}

export interface Comparison {
  readonly rows: readonly CompareRow[];
  /** Results on one side with no counterpart on the other. */
  readonly unmatched: readonly string[];
}

const who = (r: BenchResult): string => (r.experiment === null ? r.target : `${r.target}@${r.experiment}`);

/**
 * Pairs results: two single results pair directly; otherwise by (scenario, target), and also by experiment
 * unless the sides were chosen by experiment name (then experiments differ by design). Metrics present on
 * both sides are compared, in A's order.
 */
export function compareSelections(a: Selection, b: Selection): Comparison {
  const byExperiment = a.as !== 'experiment' && b.as !== 'experiment';
  const key = (r: BenchResult) => `${r.scenario}\0${r.target}${byExperiment ? `\0${r.experiment}` : ''}`;
  const pairs: [BenchResult, BenchResult][] = [];
  const unmatched: string[] = [];
  if (a.results.length === 1 && b.results.length === 1) {
    pairs.push([a.results[0]!, b.results[0]!]);
  } else {
    const bs = new Map(b.results.map((r) => [key(r), r]));
    for (const ra of a.results) {
      const rb = bs.get(key(ra));
      if (rb) {
        pairs.push([ra, rb]);
        bs.delete(key(ra));
      } else unmatched.push(`${ra.id} (only in ${a.label})`);
    }
    for (const rb of bs.values()) unmatched.push(`${rb.id} (only in ${b.label})`);
  }
  const rows: CompareRow[] = [];
  for (const [ra, rb] of pairs) {
    const subject = who(ra) === who(rb) ? who(ra) : `${who(ra)} → ${who(rb)}`;
    const scenario = ra.scenario === rb.scenario ? ra.scenario : `${ra.scenario} → ${rb.scenario}`;
    for (const [name, ma] of Object.entries(ra.metrics)) {
      const mb = rb.metrics[name];
      if (!mb || mb.unit !== ma.unit) continue;
      rows.push({
        scenario, subject, metric: name, unit: ma.unit, a: ma, b: mb,
        ratio: ma.median === 0 ? (mb.median === 0 ? 1 : Infinity) : mb.median / ma.median,
        spreadA: spread(ma), spreadB: spread(mb), verdict: judge(ma, mb),
      });
    }
  }
  return { rows, unmatched };
}
