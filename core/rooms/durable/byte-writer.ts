// A growable little-endian byte writer for journal records: one scratch buffer reused for every record.
//
// Strings are written as UTF-8 straight into the buffer (no byteLength pass): capacity for the worst case
// (3 bytes per UTF-16 unit) is reserved first and the length prefix is filled in afterwards.
// What that trades away: a lone surrogate would come back as U+FFFD (none reach here: PDUs with one are
// refused on receipt by core/matrix/strict-json.ts).

/** Marks null in a nullable u16-prefixed string. */
export const NULL16 = 0xffff;
/** Marks null in a nullable u32-prefixed string. */
export const NULL32 = 0xffff_ffff;

export class ByteWriter {
  #buf: Buffer;
  #pos = 0;

  constructor(initialBytes = 64 * 1024) {
    this.#buf = Buffer.allocUnsafe(initialBytes);
  }

  get length(): number {
    return this.#pos;
  }

  /** Starts over; the buffer is kept. */
  reset(): void {
    this.#pos = 0;
  }

  /** The bytes written so far: a view, valid until the next write or reset. */
  view(): Buffer {
    return this.#buf.subarray(0, this.#pos);
  }

  /** Hands out the bytes written so far and continues in a fresh buffer of the same capacity. */
  take(): Buffer {
    const out = this.#buf.subarray(0, this.#pos);
    this.#buf = Buffer.allocUnsafe(this.#buf.length);
    this.#pos = 0;
    return out;
  }

  ensure(n: number): void {
    if (this.#pos + n <= this.#buf.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.#pos + n, this.#buf.length * 2));
    this.#buf.copy(next, 0, 0, this.#pos);
    this.#buf = next;
  }

  u8(v: number): void {
    this.ensure(1);
    this.#buf[this.#pos++] = v;
  }

  u16(v: number): void {
    this.ensure(2);
    this.#pos = this.#buf.writeUInt16LE(v, this.#pos);
  }

  u32(v: number): void {
    this.ensure(4);
    this.#pos = this.#buf.writeUInt32LE(v, this.#pos);
  }

  /** Any JS number, exactly (depths and timestamps go up to 2^53 − 1). */
  f64(v: number): void {
    this.ensure(8);
    this.#pos = this.#buf.writeDoubleLE(v, this.#pos);
  }

  /** Overwrites a u32 written earlier at `at`. */
  patchU32(at: number, v: number): void {
    this.#buf.writeUInt32LE(v, at);
  }

  /** u16 byte length + UTF-8; at most 65 534 bytes (ids, types and keys of a ≤ 64 KiB PDU always fit). */
  str16(s: string): void {
    this.ensure(2 + 3 * s.length);
    const n = this.#buf.write(s, this.#pos + 2, 'utf8');
    if (n >= NULL16) throw new RangeError(`string of ${n} UTF-8 bytes is too long for a u16 length (${s.slice(0, 40)}…)`);
    this.#buf.writeUInt16LE(n, this.#pos);
    this.#pos += 2 + n;
  }

  nstr16(s: string | null): void {
    if (s === null) this.u16(NULL16);
    else this.str16(s);
  }

  /** u32 byte length + UTF-8, or NULL32 for null. */
  nstr32(s: string | null): void {
    if (s === null) return this.u32(NULL32);
    this.ensure(4 + 3 * s.length);
    const n = this.#buf.write(s, this.#pos + 4, 'utf8');
    this.#buf.writeUInt32LE(n, this.#pos);
    this.#pos += 4 + n;
  }

  /** u32 length + the bytes. */
  bytes32(b: Uint8Array): void {
    this.ensure(4 + b.length);
    this.#pos = this.#buf.writeUInt32LE(b.length, this.#pos);
    this.#buf.set(b, this.#pos);
    this.#pos += b.length;
  }

  /** UTF-8 with no length (the last field of a record, whose end is the record's end). */
  text(s: string): void {
    this.ensure(3 * s.length);
    this.#pos += this.#buf.write(s, this.#pos, 'utf8');
  }
}
