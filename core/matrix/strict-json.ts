// Parsing request and event JSON, and the room-v6+ canonical-value check (spec appendices §Canonical JSON;
// rooms/fragments/v6-canonical-json.md: from v6 servers MUST reject non-canonical values with M_BAD_JSON).
import { isUtf8 } from 'node:buffer';
import { badJson, notJson } from './errors.ts';

/**
 * Deepest nesting of objects/arrays we accept or serialise (`{}` is depth 1). The spec sets no limit;
 * Python's default recursion limit stops Synapse's encoder near 1000 levels, so no real event is deeper.
 * A fixed limit (rather than "until the stack overflows") makes every json implementation agree.
 */
export const MAX_JSON_DEPTH = 1000;

type WellFormed = (this: string) => boolean;
// String.prototype.isWellFormed (Node 20+, ES2024: not in our TS lib). The regex fallback matches a
// surrogate code point, which with the `u` flag can only be an unpaired one.
const nativeWellFormed = (String.prototype as unknown as { isWellFormed?: WellFormed }).isWellFormed;
const LONE_SURROGATE = /\p{Cs}/u;

/** True when `s` has no unpaired UTF-16 surrogate, i.e. it can be written as UTF-8. */
export const isWellFormedString: (s: string) => boolean =
  nativeWellFormed !== undefined ? (s) => nativeWellFormed.call(s) : (s) => !LONE_SURROGATE.test(s);

/** A failed check on its way up the walk; each level adds its key, so the happy path builds no paths. */
class Failure {
  readonly segments: string[] = [];
  constructor(readonly reason: string) {}
}

function walk(value: unknown, depth: number): void {
  switch (typeof value) {
    case 'string':
      if (!isWellFormedString(value)) throw new Failure('a string holds a lone UTF-16 surrogate');
      return;
    case 'number':
      // 1e10 parses to the integer it is and is fine; -0 is a safe integer and is written as 0.
      if (!Number.isSafeInteger(value)) throw new Failure(`${value} is not an integer in [-(2^53)+1, (2^53)-1]`);
      return;
    case 'boolean':
      return;
    case 'object': {
      if (value === null) return;
      if (depth >= MAX_JSON_DEPTH) throw new Failure(`nesting is deeper than ${MAX_JSON_DEPTH} levels`);
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) {
          try {
            walk(value[i], depth + 1);
          } catch (err) {
            if (err instanceof Failure) err.segments.push(`[${i}]`);
            throw err;
          }
        }
        return;
      }
      const obj = value as Record<string, unknown>;
      for (const key in obj) {
        if (!isWellFormedString(key)) throw new Failure('a key holds a lone UTF-16 surrogate');
        try {
          walk(obj[key], depth + 1);
        } catch (err) {
          if (err instanceof Failure) err.segments.push(`.${key}`);
          throw err;
        }
      }
      return;
    }
    default:
      throw new Failure(`${typeof value} is not a JSON value`);
  }
}

function check(value: unknown): void {
  try {
    walk(value, 0);
  } catch (err) {
    if (!(err instanceof Failure)) throw err;
    const at = err.segments.length === 0 ? 'the top level' : err.segments.reverse().join('');
    throw badJson(`non-canonical JSON at ${at}: ${err.reason}`);
  }
}

/**
 * Throws M_BAD_JSON unless every number in `value` is a safe integer, no string or key holds a lone
 * surrogate (UTF-8 cannot carry one; Synapse refuses them too) and nesting stays within MAX_JSON_DEPTH.
 * One walk; meant for values straight from JSON.parse (own enumerable keys only, no prototypes checked).
 */
export function assertCanonicalValues(value: unknown): void {
  check(value);
}

export interface ParseOptions {
  /** Apply assertCanonicalValues (room versions ≥ 6 and every request body we define). */
  readonly strict?: boolean;
}

/**
 * Parses a JSON object from UTF-8 bytes or a string. Throws 400 M_NOT_JSON for invalid UTF-8, malformed
 * JSON or a top level that is not an object; with `strict`, 400 M_BAD_JSON as assertCanonicalValues says.
 * Duplicate keys keep the last value (JSON.parse's rule, as Python's json does).
 */
export function parseJsonObject(input: Uint8Array | string, options?: ParseOptions): Record<string, unknown> {
  let text: string;
  if (typeof input === 'string') {
    text = input;
  } else {
    // Buffer's UTF-8 decoder replaces bad sequences with U+FFFD silently: validate first (simdutf, fast).
    if (!isUtf8(input)) throw notJson('request body is not valid UTF-8');
    text = Buffer.from(input.buffer, input.byteOffset, input.byteLength).toString('utf8');
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw notJson(`malformed JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw notJson('the top-level JSON value must be an object');
  }
  if (options?.strict === true) check(value);
  return value as Record<string, unknown>;
}
