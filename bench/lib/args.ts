// The bench runner's command line → a Command (run, compare, list or help). Bad input is an ArgsError.
import { HELP } from './help.ts';

export { HELP };

export class ArgsError extends Error {
  override readonly name = 'ArgsError';
}

export const GENERATORS = ['auto', 'wrk', 'node'] as const;
export type GeneratorChoice = (typeof GENERATORS)[number];

/** Named targets; anything else must be an http(s) URL. */
export const NAMED_TARGETS = ['fluctlight', 'uws-hello', 'synapse'] as const;

export interface RunOptions {
  readonly quick: boolean;
  /** Scenario names or groups (micro, load, all) as typed; empty = all. */
  readonly scenarios: readonly string[];
  /** Fluctlight experiments; every fluctlight run is repeated for each. */
  readonly experiments: readonly string[];
  /** Targets as typed; null = each scenario's default targets. */
  readonly targets: readonly string[] | null;
  /** null = the scenario's default (which --quick lowers). */
  readonly repeats: number | null;
  readonly durationS: number | null;
  readonly warmupS: number | null;
  readonly connections: number | null;
  readonly generator: GeneratorChoice;
  readonly pin: boolean;
  readonly out: string | null;
}

export type Command =
  | { readonly kind: 'help' }
  | { readonly kind: 'list' }
  | { readonly kind: 'compare'; readonly a: string; readonly b: string; readonly out: string | null }
  | { readonly kind: 'run'; readonly options: RunOptions };

type Kind = 'flag' | 'list' | 'int' | 'seconds' | 'string';
const OPTIONS: Readonly<Record<string, Kind>> = {
  help: 'flag', list: 'flag', quick: 'flag', 'no-pin': 'flag',
  scenario: 'list', experiment: 'list', target: 'list',
  repeats: 'int', connections: 'int', duration: 'seconds', warmup: 'seconds',
  generator: 'string', out: 'string',
};

const EXPERIMENT_NAME = /^[a-z0-9][a-z0-9._-]*$/;

function splitList(flag: string, raw: string): string[] {
  const items = raw.split(',').map((s) => s.trim());
  if (items.some((s) => s === '')) throw new ArgsError(`--${flag}: empty name in "${raw}"`);
  return items;
}

function positiveInt(flag: string, raw: string): number {
  if (!/^\d{1,7}$/.test(raw) || Number(raw) < 1) throw new ArgsError(`--${flag} must be a whole number ≥ 1, got "${raw}"`);
  return Number(raw);
}

function seconds(flag: string, raw: string, min: number): number {
  const n = /^\d+(\.\d+)?$/.test(raw) ? Number(raw) : NaN;
  if (!(n >= min) || n > 86_400) throw new ArgsError(`--${flag} must be a number of seconds ≥ ${min}, got "${raw}"`);
  return n;
}

/** A target is a named one or an http(s) URL with no path beyond "/". */
export function checkTarget(t: string): string {
  if ((NAMED_TARGETS as readonly string[]).includes(t)) return t;
  let u: URL;
  try {
    u = new URL(t);
  } catch {
    throw new ArgsError(`--target: "${t}" is neither ${NAMED_TARGETS.join(', ')} nor a URL like https://host:port`);
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new ArgsError(`--target: "${t}" must be an http(s) URL`);
  if (u.pathname !== '/' || u.search !== '') throw new ArgsError(`--target: "${t}" must be an origin (no path or query)`);
  return u.origin;
}

export function parseArgs(argv: readonly string[]): Command {
  const lists: Record<string, string[]> = { scenario: [], experiment: [], target: [] };
  const single: Record<string, string> = {};
  const flags = new Set<string>();
  let compare: [string, string] | null = null;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '-h') { flags.add('help'); continue; }
    if (arg === '--compare') {
      const a = argv[i + 1];
      const b = argv[i + 2];
      if (a === undefined || b === undefined || a.startsWith('--') || b.startsWith('--')) {
        throw new ArgsError('--compare needs two runs: result ids, result files, run stamps or experiment names');
      }
      compare = [a, b];
      i += 2;
      continue;
    }
    if (!arg.startsWith('--')) throw new ArgsError(`unexpected argument "${arg}"`);
    const eq = arg.indexOf('=');
    const flag = arg.slice(2, eq < 0 ? undefined : eq);
    const kind = OPTIONS[flag];
    if (kind === undefined) throw new ArgsError(`unknown option --${flag} (see --help)`);
    if (kind === 'flag') {
      if (eq >= 0) throw new ArgsError(`--${flag} takes no value`);
      flags.add(flag);
      continue;
    }
    let raw: string;
    if (eq >= 0) raw = arg.slice(eq + 1);
    else if (i + 1 < argv.length && !argv[i + 1]!.startsWith('--')) raw = argv[++i]!;
    else throw new ArgsError(`--${flag} needs a value`);
    if (kind === 'list') lists[flag]!.push(...splitList(flag, raw));
    else if (flag in single) throw new ArgsError(`--${flag} given twice`);
    else single[flag] = raw;
  }
  if (flags.has('help')) return { kind: 'help' };
  if (flags.has('list')) return { kind: 'list' };
  const out = single.out ?? null;
  if (out === '') throw new ArgsError('--out needs a directory');
  if (compare) {
    const extra = Object.keys(single).filter((k) => k !== 'out').concat([...flags], Object.keys(lists).filter((k) => lists[k]!.length > 0));
    if (extra.length > 0) throw new ArgsError(`--compare takes only --out, not --${extra[0]}`);
    return { kind: 'compare', a: compare[0], b: compare[1], out };
  }
  for (const e of lists.experiment!) {
    if (!EXPERIMENT_NAME.test(e)) throw new ArgsError(`--experiment: "${e}" is not an experiment name`);
  }
  const generator = single.generator ?? 'auto';
  if (!(GENERATORS as readonly string[]).includes(generator)) throw new ArgsError(`--generator must be one of ${GENERATORS.join(', ')}, got "${generator}"`);
  const dedupe = (xs: string[]) => [...new Set(xs)];
  return {
    kind: 'run',
    options: {
      quick: flags.has('quick'),
      scenarios: dedupe(lists.scenario!),
      experiments: lists.experiment!.length > 0 ? dedupe(lists.experiment!) : ['baseline'],
      targets: lists.target!.length > 0 ? dedupe(lists.target!.map(checkTarget)) : null,
      repeats: single.repeats === undefined ? null : positiveInt('repeats', single.repeats),
      connections: single.connections === undefined ? null : positiveInt('connections', single.connections),
      durationS: single.duration === undefined ? null : seconds('duration', single.duration, 0.5),
      warmupS: single.warmup === undefined ? null : seconds('warmup', single.warmup, 0),
      generator: generator as GeneratorChoice,
      pin: !flags.has('no-pin'),
      out,
    },
  };
}
