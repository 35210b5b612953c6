// Canonical JSON of an object kept with the byte range of each member. In canonical JSON an object is its
// `"key":value` members sorted by key and joined by commas (appendices §Canonical JSON), so the forms a PDU needs —
// as stored (no `unsigned`), for the content hash (no `signatures`, `hashes`), redacted and unsigned for the
// reference hash and signatures, inside a transaction body for the request signature — are joins of one encoding.
import type { JsonCodec } from '../slots/json.ts';
import { sortedKeys } from './code-point-order.ts';
import { memberRanges } from './canonical-scan.ts';
import { sha256 } from './sha256.ts';

const OPEN = 0x7b;
const CLOSE = 0x7d;
const COMMA = 0x2c;
const NONE: ReadonlySet<string> = new Set();

export class CanonicalMembers {
  /** The object's keys in canonical order: member i is keys[i]. */
  readonly keys: readonly string[];
  readonly #bytes: Uint8Array;
  /** Per member: start of `"key"`, start of the value, end of the value (exclusive), in #bytes. */
  readonly #ranges: Int32Array;
  #whole: Uint8Array | undefined;

  private constructor(keys: readonly string[], bytes: Uint8Array, ranges: Int32Array, whole: Uint8Array | undefined) {
    this.keys = keys;
    this.#bytes = bytes;
    this.#ranges = ranges;
    this.#whole = whole;
  }

  /** Encodes `obj` once with the codec (which throws M_BAD_JSON on what canonical JSON cannot hold). */
  static of(codec: JsonCodec, obj: Readonly<Record<string, unknown>>): CanonicalMembers {
    const bytes = codec.encode(obj);
    return CanonicalMembers.within(obj, bytes, 0, bytes.length);
  }

  /**
   * `obj`'s members from its canonical encoding at bytes[start, end) — e.g. one PDU inside an encoded
   * transaction. The bytes must be the codec's output for exactly `obj` and must not change afterwards.
   */
  static within(obj: Readonly<Record<string, unknown>>, bytes: Uint8Array, start: number, end: number): CanonicalMembers {
    const keys = sortedKeys(obj);
    const ranges = memberRanges(bytes, start, end, keys.length);
    const whole = start === 0 && end === bytes.length ? bytes : undefined;
    return new CanonicalMembers(keys, bytes, ranges, whole);
  }

  /** The canonical bytes of one member's value (a view), or undefined when the object has no such key. */
  value(key: string): Uint8Array | undefined {
    const i = this.keys.indexOf(key);
    return i < 0 ? undefined : this.#bytes.subarray(this.#ranges[3 * i + 1], this.#ranges[3 * i + 2]);
  }

  /**
   * Canonical JSON of the object without the `omit` keys and with the `replace` values (keys the object has;
   * replacing cannot add a member). With nothing omitted or replaced, the same array every call.
   */
  join(omit: ReadonlySet<string> = NONE, replace?: ReadonlyMap<string, Uint8Array>): Uint8Array {
    const plain = omit.size === 0 && (replace === undefined || replace.size === 0);
    if (plain && this.#whole !== undefined) return this.#whole;
    const out = new Uint8Array(this.#length(omit, replace));
    this.#write(out, omit, replace);
    if (plain) this.#whole = out;
    return out;
  }

  /** SHA-256 of `join(omit)`, joined into a scratch buffer reused by every call (no allocation kept). */
  sha256(omit: ReadonlySet<string> = NONE): Uint8Array {
    const length = this.#length(omit, undefined);
    if (scratch.length < length) scratch = new Uint8Array(Math.max(length, 2 * scratch.length));
    this.#write(scratch, omit, undefined);
    return sha256(scratch.subarray(0, length));
  }

  #length(omit: ReadonlySet<string>, replace: ReadonlyMap<string, Uint8Array> | undefined): number {
    const { keys } = this;
    const r = this.#ranges;
    let length = 1;
    let kept = 0;
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      if (omit.size !== 0 && omit.has(key)) continue;
      const other = replace === undefined ? undefined : replace.get(key);
      length += 1 + (other === undefined ? r[3 * i + 2]! - r[3 * i]! : r[3 * i + 1]! - r[3 * i]! + other.length);
      kept++;
    }
    return kept === 0 ? length + 1 : length; // "{}"
  }

  /** Writes the join into `out` from 0. Kept members that are neighbours in the source are copied as one run. */
  #write(out: Uint8Array, omit: ReadonlySet<string>, replace: ReadonlyMap<string, Uint8Array> | undefined): void {
    const { keys } = this;
    const r = this.#ranges;
    const src = this.#bytes;
    out[0] = OPEN;
    let p = 1;
    let runStart = -1;
    let runEnd = -1;
    for (let i = 0; i <= keys.length; i++) {
      const last = i === keys.length;
      const key = last ? '' : keys[i]!;
      const dropped = !last && omit.size !== 0 && omit.has(key);
      const other = last || dropped || replace === undefined ? undefined : replace.get(key);
      if (!last && !dropped && other === undefined) {
        if (runStart < 0) runStart = r[3 * i]!;
        runEnd = r[3 * i + 2]!;
        continue;
      }
      if (runStart >= 0) {
        if (p > 1) out[p++] = COMMA;
        p = put(out, src, runStart, runEnd, p);
        runStart = -1;
      }
      if (other !== undefined) {
        if (p > 1) out[p++] = COMMA;
        p = put(out, src, r[3 * i]!, r[3 * i + 1]!, p);
        p = put(out, other, 0, other.length, p);
      }
    }
    out[p] = CLOSE;
  }
}

let scratch = new Uint8Array(4096);

/** Copies src[from, to) into `out` at `p`; a plain loop for short runs, where a subarray + set costs more. */
function put(out: Uint8Array, src: Uint8Array, from: number, to: number, p: number): number {
  const n = to - from;
  if (n < 64) {
    for (let i = 0; i < n; i++) out[p + i] = src[from + i]!;
  } else {
    out.set(src.subarray(from, to), p);
  }
  return p + n;
}

/**
 * Encodings of objects parsed from a request, kept by the route that parsed them for the code that checks them
 * next. Contract: an object remembered here is never mutated afterwards (received PDUs are read-only). Taken
 * once: a stored PDU object outlives the request, and its member encodings must not live as long.
 */
const remembered = new WeakMap<object, CanonicalMembers>();

export function rememberMembers(obj: object, members: CanonicalMembers): void {
  remembered.set(obj, members);
}

/** The remembered encoding of `obj` (forgotten as it is handed out), or a fresh one. */
export function takeMembers(codec: JsonCodec, obj: Readonly<Record<string, unknown>>): CanonicalMembers {
  const members = remembered.get(obj);
  if (members === undefined) return CanonicalMembers.of(codec, obj);
  remembered.delete(obj);
  return members;
}
