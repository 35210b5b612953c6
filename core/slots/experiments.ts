// Experiments: named selections of implementations, stored as data in experiments/<name>.json:
//   { "extends": "baseline", "slots": { "signer": "tweetnacl" }, "notes": "…" }
// A base experiment names every slot; others are a delta on the one they extend.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Experiment {
  readonly name: string;
  readonly extends: string | undefined;
  /** The delta as written. */
  readonly delta: Readonly<Record<string, string>>;
  /** Every slot resolved through the `extends` chain. */
  readonly slots: Readonly<Record<string, string>>;
  readonly notes: string | undefined;
}

export class ExperimentError extends Error {
  override readonly name = 'ExperimentError';
}

const KEYS = new Set(['extends', 'slots', 'notes']);
const NAME = /^[a-z0-9][a-z0-9._-]*$/;

interface Raw { name: string; file: string; extends?: string; slots: Record<string, string>; notes?: string }

function parseFile(dir: string, file: string): Raw {
  const name = file.replace(/\.json$/, '');
  const where = join(dir, file);
  if (!NAME.test(name)) throw new ExperimentError(`${where}: experiment names are lower-case letters, digits, '.', '_' and '-'`);
  let v: unknown;
  try {
    v = JSON.parse(readFileSync(where, 'utf8'));
  } catch (e) {
    throw new ExperimentError(`${where}: not valid JSON (${(e as Error).message})`);
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new ExperimentError(`${where}: must be a JSON object`);
  const o = v as Record<string, unknown>;
  for (const k of Object.keys(o)) if (!KEYS.has(k)) throw new ExperimentError(`${where}: unknown key "${k}" (allowed: extends, slots, notes)`);
  if (o.extends !== undefined && typeof o.extends !== 'string') throw new ExperimentError(`${where}: "extends" must be a string`);
  if (o.notes !== undefined && typeof o.notes !== 'string') throw new ExperimentError(`${where}: "notes" must be a string`);
  const slots = o.slots ?? {};
  if (typeof slots !== 'object' || slots === null || Array.isArray(slots)) throw new ExperimentError(`${where}: "slots" must be an object`);
  for (const [k, impl] of Object.entries(slots)) {
    if (typeof impl !== 'string') throw new ExperimentError(`${where}: slots.${k} must be an implementation name (a string)`);
  }
  return { name, file: where, extends: o.extends as string | undefined, slots: slots as Record<string, string>, notes: o.notes as string | undefined };
}

/**
 * Reads and validates every experiment in `dir` against the slots and their available implementations.
 * Throws an ExperimentError naming the file and the problem (unknown slot, unknown implementation, unknown key,
 * unknown or cyclic `extends`, a base experiment that leaves a slot unset).
 */
export function loadExperiments(dir: string, available: Readonly<Record<string, readonly string[]>>): Map<string, Experiment> {
  const raws = new Map<string, Raw>();
  for (const f of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    const r = parseFile(dir, f);
    raws.set(r.name, r);
  }
  const out = new Map<string, Experiment>();
  const resolve = (name: string, seen: string[]): Record<string, string> => {
    const r = raws.get(name)!;
    if (seen.includes(name)) throw new ExperimentError(`${r.file}: "extends" forms a cycle: ${[...seen, name].join(' → ')}`);
    let base: Record<string, string> = {};
    if (r.extends !== undefined) {
      if (!raws.has(r.extends)) throw new ExperimentError(`${r.file}: extends unknown experiment "${r.extends}"`);
      base = resolve(r.extends, [...seen, name]);
    }
    return { ...base, ...r.slots };
  };
  for (const r of raws.values()) {
    for (const [slot, impl] of Object.entries(r.slots)) {
      const impls = available[slot];
      if (!impls) throw new ExperimentError(`${r.file}: unknown slot "${slot}" (slots: ${Object.keys(available).join(', ')})`);
      if (!impls.includes(impl)) throw new ExperimentError(`${r.file}: slot "${slot}" has no implementation "${impl}" (available: ${impls.join(', ')})`);
    }
    const slots = resolve(r.name, []);
    const missing = Object.keys(available).filter((s) => !(s in slots));
    if (missing.length > 0) throw new ExperimentError(`${r.file}: leaves slot(s) ${missing.join(', ')} unset (name them, or extend an experiment that does)`);
    out.set(r.name, Object.freeze({ name: r.name, extends: r.extends, delta: r.slots, slots, notes: r.notes }));
  }
  return out;
}
