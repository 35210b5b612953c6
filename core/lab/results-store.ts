// Reads benchmark result files for the lab: <dir>/*.json and <dir>/reference/*.json (bench/results by default).
// Files are read on every call (they are few and small, and a bench run may add one at any time); a file that is
// not valid JSON or not a BenchResult is skipped and reported, never fatal.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BenchResult } from '../../bench/lib/result.ts';
import { Errcode, MatrixError, invalidParam } from '../matrix/errors.ts';
import type { ResultSummary, SkippedFile } from './lab-wire.ts';
import { resultProblems } from '../../bench/lib/result-file.ts';

export interface ResultFilter {
  scenario?: string;
  experiment?: string;
  /** A prefix of the git revision (short hashes work). */
  revision?: string;
  target?: string;
  kind?: string;
}

/** Result ids are file names: letters, digits, `.`, `_`, `-`; no leading dot, no `..`, at most 200 characters. */
const ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/;
export const isValidResultId = (id: string): boolean => ID.test(id) && !id.includes('..');

const SUBDIRS = [{ sub: '', reference: false }, { sub: 'reference', reference: true }] as const;

type Loaded = { ok: true; result: BenchResult } | { ok: false; error: string; missing?: true };

async function load(path: string, id: string): Promise<Loaded> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { ok: false, error: 'no such file', missing: true };
    return { ok: false, error: `cannot read: ${code ?? (e as Error).message}` };
  }
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (e) {
    return { ok: false, error: `not JSON: ${(e as Error).message}` };
  }
  // The same validation `npm run bench` applies when it writes and reads result files.
  const problems = resultProblems(v);
  if (problems.length > 0) return { ok: false, error: `not a bench result: ${problems.slice(0, 3).join('; ')}` };
  const result = v as BenchResult;
  if (result.id !== id) return { ok: false, error: `id "${result.id}" does not match the file name` };
  return { ok: true, result };
}

async function jsonFiles(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir, { withFileTypes: true })).filter((d) => d.isFile() && d.name.endsWith('.json')).map((d) => d.name).sort();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
}

function summarize(r: BenchResult, reference: boolean): ResultSummary {
  const [name, m] = Object.entries(r.metrics)[0]!;
  return {
    id: r.id, scenario: r.scenario, kind: r.kind, target: r.target, experiment: r.experiment, git_revision: r.git_revision,
    git_dirty: r.git_dirty, started_at: r.started_at, reference,
    headline: { name, unit: m.unit, better: m.better, median: m.median, mad: m.mad, min: m.min, max: m.max },
  };
}

function matches(s: ResultSummary, f: ResultFilter): boolean {
  return (f.scenario === undefined || s.scenario === f.scenario) &&
    (f.experiment === undefined || s.experiment === f.experiment) &&
    (f.revision === undefined || s.git_revision.startsWith(f.revision)) &&
    (f.target === undefined || s.target === f.target) &&
    (f.kind === undefined || s.kind === f.kind);
}

export class ResultsStore {
  readonly #dir: string;
  constructor(dir: string) {
    this.#dir = dir;
  }

  get dir(): string {
    return this.#dir;
  }

  /** Every valid result matching `filter`, newest first, and the files that were skipped. */
  async list(filter: ResultFilter = {}): Promise<{ results: ResultSummary[]; skipped: SkippedFile[] }> {
    const results: ResultSummary[] = [];
    const skipped: SkippedFile[] = [];
    const seen = new Set<string>();
    for (const { sub, reference } of SUBDIRS) {
      const dir = join(this.#dir, sub);
      for (const name of await jsonFiles(dir)) {
        const file = sub ? `${sub}/${name}` : name;
        const id = name.slice(0, -'.json'.length);
        if (!isValidResultId(id)) {
          skipped.push({ file, error: 'the file name is not a valid result id' });
          continue;
        }
        if (seen.has(id)) {
          skipped.push({ file, error: `duplicate id (${id}.json is also in the results dir)` });
          continue;
        }
        const o = await load(join(dir, name), id);
        if (!o.ok) {
          skipped.push({ file, error: o.error });
          continue;
        }
        seen.add(id);
        const s = summarize(o.result, reference);
        if (matches(s, filter)) results.push(s);
      }
    }
    results.sort((a, b) => Date.parse(b.started_at) - Date.parse(a.started_at) || (a.id < b.id ? -1 : 1));
    return { results, skipped };
  }

  /** The full result file; 400 M_INVALID_PARAM for a malformed id, 404 M_NOT_FOUND when absent or unusable. */
  async get(id: string): Promise<BenchResult> {
    if (!isValidResultId(id)) throw invalidParam(`"${id}" is not a valid result id (letters, digits, ".", "_", "-")`);
    let unusable: string | undefined;
    for (const { sub } of SUBDIRS) {
      const o = await load(join(this.#dir, sub, `${id}.json`), id);
      if (o.ok) return o.result;
      if (!o.missing) unusable ??= o.error;
    }
    if (unusable) throw new MatrixError(404, Errcode.NOT_FOUND, `result "${id}" exists but is unusable: ${unusable}`, { malformed: true });
    throw new MatrixError(404, Errcode.NOT_FOUND, `no result "${id}"`);
  }
}
