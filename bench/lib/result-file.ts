// Result files: ids, shape validation, writing bench/results/<id>.json and reading them back.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchResult, Metric } from './result.ts';

/** 2026-11-26T15:24:50.123Z → 20261126T152450Z: sorts by time, safe in file names. Also the run stamp. */
export function compactTime(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
}

/** Lower-case letters, digits, '.', '-' only (a URL target becomes e.g. https-host-8448). */
export function idPart(s: string): string {
  return s.toLowerCase().replace(/^https?:\/\//, (m) => m.slice(0, -3) + '-').replace(/[^a-z0-9.-]+/g, '-').replace(/^-+|-+$/g, '') || 'x';
}

/** `<started_at compact>_<scenario>_<target>_<experiment|none>` (see BenchResult.id). */
export function resultId(startedAt: Date, scenario: string, target: string, experiment: string | null): string {
  return [compactTime(startedAt), idPart(scenario), idPart(target), experiment === null ? 'none' : idPart(experiment)].join('_');
}

const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function metricProblems(name: string, m: unknown): string[] {
  if (!isObj(m)) return [`metrics.${name} is not an object`];
  const p: string[] = [];
  const mm = m as Partial<Metric>;
  if (typeof mm.unit !== 'string' || mm.unit === '') p.push(`metrics.${name}.unit must be a non-empty string`);
  if (mm.better !== 'higher' && mm.better !== 'lower') p.push(`metrics.${name}.better must be "higher" or "lower"`);
  if (!Array.isArray(mm.samples) || mm.samples.length === 0 || !mm.samples.every(isNum)) p.push(`metrics.${name}.samples must be a non-empty array of finite numbers`);
  for (const k of ['median', 'min', 'max', 'mad'] as const) if (!isNum(mm[k])) p.push(`metrics.${name}.${k} must be a finite number`);
  if (p.length === 0 && !(mm.min! <= mm.median! && mm.median! <= mm.max! && mm.mad! >= 0)) p.push(`metrics.${name}: min ≤ median ≤ max and mad ≥ 0 do not hold`);
  return p;
}

/** Every way `x` is not a complete BenchResult; [] when it is one. */
export function resultProblems(x: unknown): string[] {
  if (!isObj(x)) return ['not a JSON object'];
  const r = x as Record<string, unknown>;
  const p: string[] = [];
  const str = (k: string) => typeof r[k] === 'string' && r[k] !== '' || p.push(`${k} must be a non-empty string`);
  for (const k of ['id', 'scenario', 'target', 'git_revision', 'node_version', 'cpu_model', 'started_at']) str(k);
  if (r.kind !== 'micro' && r.kind !== 'load') p.push('kind must be "micro" or "load"');
  if (r.experiment !== null && (typeof r.experiment !== 'string' || r.experiment === '')) p.push('experiment must be a name or null');
  if (!isObj(r.slots) || !Object.values(r.slots).every((v) => typeof v === 'string')) p.push('slots must map slot → implementation');
  if (typeof r.git_dirty !== 'boolean') p.push('git_dirty must be a boolean');
  if (!Number.isInteger(r.cpu_count) || (r.cpu_count as number) < 1) p.push('cpu_count must be a positive integer');
  if (typeof r.started_at === 'string' && Number.isNaN(Date.parse(r.started_at))) p.push('started_at must be an ISO 8601 time');
  if (!isNum(r.duration_ms) || r.duration_ms < 0) p.push('duration_ms must be a number ≥ 0');
  if (!isObj(r.params)) p.push('params must be an object');
  if (!isObj(r.metrics) || Object.keys(r.metrics).length === 0) p.push('metrics must name at least one metric');
  else for (const [k, m] of Object.entries(r.metrics)) p.push(...metricProblems(k, m));
  if (r.latency_ms !== undefined) {
    const l = r.latency_ms;
    if (!isObj(l) || !['p50', 'p90', 'p99', 'p999', 'max'].every((k) => isNum(l[k]))) p.push('latency_ms must have numeric p50, p90, p99, p999, max');
  }
  if (!Number.isInteger(r.errors) || (r.errors as number) < 0) p.push('errors must be an integer ≥ 0');
  if (!Array.isArray(r.error_samples) || !r.error_samples.every((s) => typeof s === 'string')) p.push('error_samples must be an array of strings');
  if (!Number.isInteger(r.peak_rss_bytes) || (r.peak_rss_bytes as number) < 0) p.push('peak_rss_bytes must be an integer ≥ 0');
  if (r.notes !== undefined && typeof r.notes !== 'string') p.push('notes must be a string');
  return p;
}

export class ResultError extends Error {
  override readonly name = 'ResultError';
}

/** An id not yet used in `dir`: the id itself, else id-2, id-3, … (two runs in the same second). */
export function freeId(dir: string, id: string): string {
  let candidate = id;
  for (let n = 2; existsSync(join(dir, `${candidate}.json`)); n++) candidate = `${id}-${n}`;
  return candidate;
}

/** Validates and writes `<dir>/<id>.json` (never overwriting); returns the path. */
export function writeResult(dir: string, result: BenchResult): string {
  const problems = resultProblems(result);
  if (problems.length > 0) throw new ResultError(`result ${result.id ?? '?'} is invalid: ${problems.join('; ')}`);
  if (!/^[A-Za-z0-9._-]+$/.test(result.id)) throw new ResultError(`result id "${result.id}" is not a safe file name`);
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${result.id}.json`);
  writeFileSync(path, JSON.stringify(result, null, 2) + '\n', { flag: 'wx' });
  return path;
}

/** Reads one result file; throws a ResultError naming the file if it is not a valid result. */
export function readResult(path: string): BenchResult {
  let v: unknown;
  try {
    v = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new ResultError(`${path}: ${(e as Error).message}`);
  }
  const problems = resultProblems(v);
  if (problems.length > 0) throw new ResultError(`${path}: not a bench result (${problems.slice(0, 3).join('; ')})`);
  return v as BenchResult;
}

/** Every valid result in `dir` and its direct subfolders (e.g. reference/), oldest first; invalid files are skipped. */
export function readResults(dir: string): BenchResult[] {
  const out: BenchResult[] = [];
  const visit = (d: string, depth: number) => {
    let names: string[];
    try {
      names = readdirSync(d, { withFileTypes: true }).map((e) => (e.isDirectory() ? `${e.name}/` : e.name));
    } catch {
      return;
    }
    for (const n of names) {
      if (n.endsWith('/')) {
        if (depth === 0) visit(join(d, n), 1);
      } else if (n.endsWith('.json')) {
        try {
          out.push(readResult(join(d, n)));
        } catch {
          // not a result (or a half-written one): ignored here; --compare on that file names the problem
        }
      }
    }
  };
  visit(dir, 0);
  return out.sort((a, b) => a.started_at.localeCompare(b.started_at) || a.id.localeCompare(b.id));
}
