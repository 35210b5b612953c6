// Canonical JSON of an object kept member by member. In canonical JSON an object is its `"key":value` members
// sorted by key and joined by commas (appendices §Canonical JSON), so the forms a PDU needs — as stored (no
// `unsigned`), for the content hash (no `signatures`, `hashes`), redacted and unsigned for the reference hash and
// signatures, inside a transaction body for the request signature — are joins of one encoding, not four.
import type { JsonCodec } from '../slots/json.ts';
import { sortedKeys } from './code-point-order.ts';

/** `"key":` bytes for keys seen before (PDU and transaction keys: a handful), bounded. */
const names = new Map<string, Uint8Array>();
const NAMES_MAX = 1024;
const OPEN = 0x7b;
const CLOSE = 0x7d;
const COMMA = 0x2c;
const COLON = 0x3a;
const NONE: ReadonlySet<string> = new Set();

function nameBytes(codec: JsonCodec, key: string): Uint8Array {
  let name = names.get(key);
  if (name === undefined) {
    const quoted = codec.encode(key);
    name = new Uint8Array(quoted.length + 1);
    name.set(quoted);
    name[quoted.length] = COLON;
    if (names.size < NAMES_MAX) names.set(key, name);
  }
  return name;
}

/** Encodes a member's value, or returns undefined to let the codec do it (e.g. a list built from parts). */
export type ValueEncoder = (key: string, value: unknown) => Uint8Array | undefined;

export class CanonicalMembers {
  readonly keys: readonly string[];
  readonly #names: Uint8Array[];
  readonly #values: Uint8Array[];
  #whole: Uint8Array | undefined;

  private constructor(keys: string[], names: Uint8Array[], values: Uint8Array[]) {
    this.keys = keys;
    this.#names = names;
    this.#values = values;
  }

  /** Encodes each member of `obj` with the codec (which throws M_BAD_JSON on what canonical JSON cannot hold). */
  static of(codec: JsonCodec, obj: Readonly<Record<string, unknown>>, encodeValue?: ValueEncoder): CanonicalMembers {
    const keys = sortedKeys(obj);
    const n = keys.length;
    const nameParts = new Array<Uint8Array>(n);
    const values = new Array<Uint8Array>(n);
    for (let i = 0; i < n; i++) {
      const key = keys[i]!;
      const value = obj[key];
      nameParts[i] = nameBytes(codec, key);
      values[i] = encodeValue?.(key, value) ?? codec.encode(value);
    }
    return new CanonicalMembers(keys, nameParts, values);
  }

  /** The canonical bytes of one member's value, or undefined when the object has no such key. */
  value(key: string): Uint8Array | undefined {
    const i = this.keys.indexOf(key);
    return i < 0 ? undefined : this.#values[i];
  }

  /**
   * Canonical JSON of the object without the `omit` keys and with the `replace` values (keys the object has;
   * replacing cannot add a member). With nothing omitted or replaced, the same array every call.
   */
  join(omit: ReadonlySet<string> = NONE, replace?: ReadonlyMap<string, Uint8Array>): Uint8Array {
    const plain = omit.size === 0 && (replace === undefined || replace.size === 0);
    if (plain && this.#whole !== undefined) return this.#whole;
    const { keys } = this;
    const n = keys.length;
    // One pass to pick the parts (sync: the scratch list is reused), one to copy them.
    const parts = scratch;
    parts.length = 0;
    let length = 1;
    for (let i = 0; i < n; i++) {
      const key = keys[i]!;
      if (omit.size !== 0 && omit.has(key)) continue;
      const value = (replace === undefined ? undefined : replace.get(key)) ?? this.#values[i]!;
      parts.push(this.#names[i]!, value);
      length += 1 + this.#names[i]!.length + value.length; // ',' or '}' after each member
    }
    if (parts.length === 0) length++; // "{}"
    const out = new Uint8Array(length);
    out[0] = OPEN;
    let p = 1;
    for (let i = 0; i < parts.length; i += 2) {
      if (i > 0) out[p++] = COMMA;
      p = put(out, parts[i]!, p);
      p = put(out, parts[i + 1]!, p);
    }
    out[p] = CLOSE;
    parts.length = 0;
    if (plain) this.#whole = out;
    return out;
  }
}

const scratch: Uint8Array[] = [];

/** Copies `src` into `out` at `p`; a plain loop for short parts, where TypedArray#set's call costs more. */
function put(out: Uint8Array, src: Uint8Array, p: number): number {
  const n = src.length;
  if (n < 48) {
    for (let i = 0; i < n; i++) out[p + i] = src[i]!;
  } else {
    out.set(src, p);
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
