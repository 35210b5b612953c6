// Json `single-pass`: one recursive walk that writes UTF-8 straight into a reusable, growable byte buffer
// (no intermediate strings or objects; spec appendices §Canonical JSON, grammar).
import { hash } from 'node:crypto';
import { badJson } from '../../core/matrix/errors.ts';
import { MAX_JSON_DEPTH } from '../../core/matrix/strict-json.ts';
import type { JsonCodec } from '../../core/slots/json.ts';
import { sortedKeys } from '../../core/matrix/code-point-order.ts';

const INITIAL_BYTES = 4096;
/** A buffer grown past this is dropped after the call, so one huge value does not pin memory forever. */
const KEEP_MAX_BYTES = 1 << 20;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const HEX = '0123456789abcdef';
/** The spec's short escapes (`escaped` rule): \b \t \n \f \r; 0 means "use \u00xx". */
const SHORT = new Uint8Array(0x20);
SHORT[0x08] = 0x62; // b
SHORT[0x09] = 0x74; // t
SHORT[0x0a] = 0x6e; // n
SHORT[0x0c] = 0x66; // f
SHORT[0x0d] = 0x72; // r

/**
 * A string with none of these needs no escape and holds no surrogate (lone or paired), so it can go to the
 * native writer. Trade-off: the regex is a second scan; measured (bench/micro/json.bench.ts), the native path
 * wins even for short keys, so every string tries it first.
 */
const NEEDS_CARE = /[\u0000-\u001f"\\\ud800-\udfff]/;

const LITERALS = { true: [0x74, 0x72, 0x75, 0x65], false: [0x66, 0x61, 0x6c, 0x73, 0x65], null: [0x6e, 0x75, 0x6c, 0x6c] };

class CanonicalWriter {
  #buf = Buffer.allocUnsafe(INITIAL_BYTES);
  #pos = 0;

  /** Writes `value` from the start of the buffer; returns the byte length. */
  write(value: unknown): number {
    this.#pos = 0;
    this.#value(value, 0);
    return this.#pos;
  }

  /** The bytes written, as a view valid until the next write. */
  view(length: number): Buffer {
    return this.#buf.subarray(0, length);
  }

  shrink(): void {
    if (this.#buf.length > KEEP_MAX_BYTES) this.#buf = Buffer.allocUnsafe(INITIAL_BYTES);
  }

  #ensure(extra: number): Buffer {
    const need = this.#pos + extra;
    if (need > this.#buf.length) {
      const bigger = Buffer.allocUnsafe(Math.max(need, this.#buf.length * 2));
      this.#buf.copy(bigger, 0, 0, this.#pos);
      this.#buf = bigger;
    }
    return this.#buf;
  }

  #literal(bytes: readonly number[]): void {
    const buf = this.#ensure(bytes.length);
    for (let i = 0; i < bytes.length; i++) buf[this.#pos++] = bytes[i]!;
  }

  #value(value: unknown, depth: number): void {
    switch (typeof value) {
      case 'string':
        return this.#string(value);
      case 'number':
        return this.#number(value);
      case 'boolean':
        return this.#literal(value ? LITERALS.true : LITERALS.false);
      case 'object':
        if (value === null) return this.#literal(LITERALS.null);
        if (depth >= MAX_JSON_DEPTH) throw badJson(`canonical JSON: nested deeper than ${MAX_JSON_DEPTH}`);
        if (Array.isArray(value)) return this.#array(value, depth + 1);
        return this.#object(value as Record<string, unknown>, depth + 1);
      default:
        throw badJson(`canonical JSON cannot hold a value of type ${typeof value}`);
    }
  }

  #array(arr: readonly unknown[], depth: number): void {
    this.#ensure(1)[this.#pos++] = 0x5b; // [
    for (let i = 0; i < arr.length; i++) {
      if (i > 0) this.#ensure(1)[this.#pos++] = 0x2c; // ,
      this.#value(arr[i], depth);
    }
    this.#ensure(1)[this.#pos++] = 0x5d; // ]
  }

  #object(obj: Record<string, unknown>, depth: number): void {
    const keys = sortedKeys(obj);
    this.#ensure(1)[this.#pos++] = 0x7b; // {
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      if (i > 0) this.#ensure(1)[this.#pos++] = 0x2c; // ,
      this.#string(key);
      this.#ensure(1)[this.#pos++] = 0x3a; // :
      this.#value(obj[key], depth);
    }
    this.#ensure(1)[this.#pos++] = 0x7d; // }
  }

  /** Integers only; -0 is written as 0. Digits go out backwards, then are reversed in place. */
  #number(n: number): void {
    if (!Number.isSafeInteger(n)) throw badJson(`canonical JSON: ${n} is not an integer in range`);
    const buf = this.#ensure(17); // '-' + 16 digits (2^53 - 1 has 16)
    let p = this.#pos;
    if (n < 0) {
      buf[p++] = 0x2d;
      n = -n;
    }
    const start = p;
    do {
      buf[p++] = 0x30 + (n % 10);
      n = Math.floor(n / 10); // exact: n < 2^53
    } while (n > 0);
    for (let i = start, j = p - 1; i < j; i++, j--) {
      const t = buf[i]!;
      buf[i] = buf[j]!;
      buf[j] = t;
    }
    this.#pos = p;
  }

  /** A string per the grammar's `string` rule: only ", \ and C0 controls escaped; the rest raw UTF-8. */
  #string(s: string): void {
    const len = s.length;
    if (!NEEDS_CARE.test(s)) {
      // Fast path: nothing to escape and no surrogates, so Node's native UTF-8 writer gives the canonical bytes.
      const buf = this.#ensure(len * 3 + 2);
      buf[this.#pos++] = QUOTE;
      this.#pos += buf.write(s, this.#pos, 'utf8');
      buf[this.#pos++] = QUOTE;
      return;
    }
    const buf = this.#ensure(len * 6 + 2); // worst case: every unit a \u00xx escape
    let p = this.#pos;
    buf[p++] = QUOTE;
    for (let i = 0; i < len; i++) {
      const c = s.charCodeAt(i);
      if (c < 0x80) {
        if (c >= 0x20 && c !== QUOTE && c !== BACKSLASH) {
          buf[p++] = c;
        } else if (c >= 0x20) {
          buf[p++] = BACKSLASH;
          buf[p++] = c;
        } else if (SHORT[c] !== 0) {
          buf[p++] = BACKSLASH;
          buf[p++] = SHORT[c]!;
        } else {
          buf[p++] = BACKSLASH;
          buf[p++] = 0x75; // u
          buf[p++] = 0x30;
          buf[p++] = 0x30;
          buf[p++] = HEX.charCodeAt(c >> 4);
          buf[p++] = HEX.charCodeAt(c & 15);
        }
      } else if (c < 0x800) {
        buf[p++] = 0xc0 | (c >> 6);
        buf[p++] = 0x80 | (c & 0x3f);
      } else if ((c & 0xf800) !== 0xd800) {
        buf[p++] = 0xe0 | (c >> 12);
        buf[p++] = 0x80 | ((c >> 6) & 0x3f);
        buf[p++] = 0x80 | (c & 0x3f);
      } else {
        const d = i + 1 < len ? s.charCodeAt(i + 1) : 0;
        if (c > 0xdbff || (d & 0xfc00) !== 0xdc00) {
          throw badJson('canonical JSON: a string holds a lone UTF-16 surrogate');
        }
        const cp = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        buf[p++] = 0xf0 | (cp >> 18);
        buf[p++] = 0x80 | ((cp >> 12) & 0x3f);
        buf[p++] = 0x80 | ((cp >> 6) & 0x3f);
        buf[p++] = 0x80 | (cp & 0x3f);
        i++;
      }
    }
    buf[p++] = QUOTE;
    this.#pos = p;
  }
}

/**
 * One writer per instance, reused by every call (calls are synchronous, so never interleaved).
 * Trade-off: the buffer stays allocated between calls (up to KEEP_MAX_BYTES) to skip reallocation.
 */
export default function singlePass(): JsonCodec {
  const writer = new CanonicalWriter();
  return {
    name: 'single-pass',
    encode(value) {
      const length = writer.write(value);
      const out = new Uint8Array(length);
      out.set(writer.view(length));
      writer.shrink();
      return out;
    },
    stringify(value) {
      const text = writer.view(writer.write(value)).toString('utf8');
      writer.shrink();
      return text;
    },
    sha256(value) {
      const digest = hash('sha256', writer.view(writer.write(value)), 'buffer');
      writer.shrink();
      return new Uint8Array(digest.buffer, digest.byteOffset, digest.byteLength);
    },
  };
}
