// Json `streaming-hash`: writes canonical bytes through a fixed 16 KiB chunk that is flushed into a sink:
// straight into a SHA-256 for sha256() (the whole text never exists), or into collected parts for encode().
import { createHash } from 'node:crypto';
import { badJson } from '../../core/matrix/errors.ts';
import { MAX_JSON_DEPTH, isWellFormedString } from '../../core/matrix/strict-json.ts';
import type { JsonCodec } from '../../core/slots/json.ts';
import { sortedKeys } from '../../core/matrix/code-point-order.ts';

const CHUNK_BYTES = 16 * 1024;
/** Strings shorter than this go through a charCodeAt loop; longer ones through Buffer's native UTF-8 write. */
const NATIVE_FROM = 32;
const NEEDS_ESCAPE = /["\\\u0000-\u001f]/;
const SHORT_ESCAPES: Record<number, string> = { 0x08: 'b', 0x09: 't', 0x0a: 'n', 0x0c: 'f', 0x0d: 'r', 0x22: '"', 0x5c: '\\' };

/** Where flushed bytes go. A chunk passed to `bytes` is reused afterwards: copy it if you keep it. */
interface Sink {
  bytes(chunk: Uint8Array): void;
  /** A long, escape-free, well-formed string, written as UTF-8 (lets a hash take it without copying). */
  text(s: string): void;
}

class ChunkWriter {
  readonly #chunk = Buffer.allocUnsafe(CHUNK_BYTES);
  #pos = 0;
  #sink: Sink | undefined;

  run(value: unknown, sink: Sink): void {
    this.#sink = sink;
    this.#pos = 0;
    try {
      this.#value(value, 0);
      if (this.#pos > 0) sink.bytes(this.#chunk.subarray(0, this.#pos));
    } finally {
      this.#sink = undefined;
    }
  }

  #room(n: number): void {
    if (this.#pos + n > CHUNK_BYTES) {
      this.#sink!.bytes(this.#chunk.subarray(0, this.#pos));
      this.#pos = 0;
    }
  }

  #byte(b: number): void {
    if (this.#pos === CHUNK_BYTES) this.#room(1);
    this.#chunk[this.#pos++] = b;
  }

  #ascii(s: string): void {
    this.#room(s.length);
    this.#pos += this.#chunk.write(s, this.#pos, 'latin1');
  }

  #value(value: unknown, depth: number): void {
    switch (typeof value) {
      case 'string':
        return this.#string(value);
      case 'number':
        if (!Number.isSafeInteger(value)) throw badJson(`canonical JSON: ${value} is not an integer in range`);
        return this.#ascii(String(value)); // String(-0) is "0"
      case 'boolean':
        return this.#ascii(value ? 'true' : 'false');
      case 'object': {
        if (value === null) return this.#ascii('null');
        if (depth >= MAX_JSON_DEPTH) throw badJson(`canonical JSON: nested deeper than ${MAX_JSON_DEPTH}`);
        if (Array.isArray(value)) {
          this.#byte(0x5b);
          for (let i = 0; i < value.length; i++) {
            if (i > 0) this.#byte(0x2c);
            this.#value(value[i], depth + 1);
          }
          return this.#byte(0x5d);
        }
        const obj = value as Record<string, unknown>;
        const keys = sortedKeys(obj);
        this.#byte(0x7b);
        for (let i = 0; i < keys.length; i++) {
          if (i > 0) this.#byte(0x2c);
          this.#string(keys[i]!);
          this.#byte(0x3a);
          this.#value(obj[keys[i]!], depth + 1);
        }
        return this.#byte(0x7d);
      }
      default:
        throw badJson(`canonical JSON cannot hold a value of type ${typeof value}`);
    }
  }

  #string(s: string): void {
    if (s.length < NATIVE_FROM || NEEDS_ESCAPE.test(s)) return this.#stringByUnits(s);
    if (!isWellFormedString(s)) throw badJson('canonical JSON: a string holds a lone UTF-16 surrogate');
    const max = s.length * 3 + 2;
    if (max <= CHUNK_BYTES) {
      this.#room(max);
      this.#chunk[this.#pos++] = 0x22;
      this.#pos += this.#chunk.write(s, this.#pos, 'utf8');
      this.#chunk[this.#pos++] = 0x22;
    } else {
      this.#byte(0x22);
      this.#room(CHUNK_BYTES); // flush what is pending, so the sink sees bytes in order
      this.#sink!.text(s);
      this.#byte(0x22);
    }
  }

  /** The grammar's `string` rule one UTF-16 unit at a time: escapes, raw UTF-8, surrogate pairs joined. */
  #stringByUnits(s: string): void {
    this.#byte(0x22);
    const chunk = this.#chunk;
    for (let i = 0; i < s.length; i++) {
      if (this.#pos + 6 > CHUNK_BYTES) this.#room(6);
      const c = s.charCodeAt(i);
      if (c >= 0x20 && c < 0x80 && c !== 0x22 && c !== 0x5c) {
        chunk[this.#pos++] = c;
      } else if (c < 0x80) {
        const short = SHORT_ESCAPES[c];
        const escape = short !== undefined ? '\\' + short : '\\u00' + (c < 0x10 ? '0' : '') + c.toString(16);
        this.#pos += chunk.write(escape, this.#pos, 'latin1');
      } else if (c < 0x800) {
        chunk[this.#pos++] = 0xc0 | (c >> 6);
        chunk[this.#pos++] = 0x80 | (c & 0x3f);
      } else if ((c & 0xf800) !== 0xd800) {
        chunk[this.#pos++] = 0xe0 | (c >> 12);
        chunk[this.#pos++] = 0x80 | ((c >> 6) & 0x3f);
        chunk[this.#pos++] = 0x80 | (c & 0x3f);
      } else {
        const d = i + 1 < s.length ? s.charCodeAt(i + 1) : 0;
        if (c > 0xdbff || (d & 0xfc00) !== 0xdc00) throw badJson('canonical JSON: a string holds a lone UTF-16 surrogate');
        const cp = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        chunk[this.#pos++] = 0xf0 | (cp >> 18);
        chunk[this.#pos++] = 0x80 | ((cp >> 12) & 0x3f);
        chunk[this.#pos++] = 0x80 | ((cp >> 6) & 0x3f);
        chunk[this.#pos++] = 0x80 | (cp & 0x3f);
        i++;
      }
    }
    this.#byte(0x22);
  }
}

/** Collects flushed chunks (copied, as the chunk is reused) and joins them once at the end. */
function collect(writer: ChunkWriter, value: unknown): Uint8Array {
  const parts: Uint8Array[] = [];
  let total = 0;
  writer.run(value, {
    bytes(chunk) {
      parts.push(new Uint8Array(chunk)); // a copy
      total += chunk.byteLength;
    },
    text(s) {
      const bytes = Buffer.from(s, 'utf8');
      parts.push(bytes);
      total += bytes.byteLength;
    },
  });
  if (parts.length === 1) return parts[0]!; // always a copied chunk: text is never alone, quotes surround it
  const out = new Uint8Array(total);
  for (let i = 0, at = 0; i < parts.length; at += parts[i]!.byteLength, i++) out.set(parts[i]!, at);
  return out;
}

export default function streamingHash(): JsonCodec {
  const writer = new ChunkWriter();
  return {
    name: 'streaming-hash',
    encode: (value) => collect(writer, value),
    stringify(value) {
      const bytes = collect(writer, value);
      return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
    },
    sha256(value) {
      const h = createHash('sha256');
      // Hash.update copies what it is given before returning, so the reused chunk is safe to pass.
      writer.run(value, { bytes: (chunk) => h.update(chunk), text: (s) => h.update(s, 'utf8') });
      const digest = h.digest();
      return new Uint8Array(digest.buffer, digest.byteOffset, digest.byteLength);
    },
  };
}
