// The reading side of byte-writer.ts: bounds-checked little-endian reads over one record, reused per record.
import { NULL16, NULL32 } from './byte-writer.ts';

/** A record that does not decode (too short, trailing bytes, a value out of range). */
export class DecodeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DecodeError';
  }
}

/** Copies bytes out of a replay buffer (which is reused) into memory the store may keep. */
export type CopyOut = (src: Buffer, start: number, end: number) => Uint8Array;

export class ByteReader {
  #buf: Buffer = Buffer.alloc(0);
  #pos = 0;
  #end = 0;

  /** Reads `b[start, end)` from now on. */
  reset(b: Uint8Array, start = 0, end = b.length): this {
    this.#buf = Buffer.isBuffer(b) ? b : Buffer.from(b.buffer, b.byteOffset, b.byteLength);
    this.#pos = start;
    this.#end = end;
    return this;
  }

  get remaining(): number {
    return this.#end - this.#pos;
  }

  #need(n: number, what: string): number {
    const at = this.#pos;
    if (at + n > this.#end) throw new DecodeError(`record ends inside ${what} (needs ${n} bytes at ${at}, ${this.#end - at} left)`);
    this.#pos = at + n;
    return at;
  }

  u8(): number {
    return this.#buf[this.#need(1, 'a u8')]!;
  }

  u16(): number {
    return this.#buf.readUInt16LE(this.#need(2, 'a u16'));
  }

  u32(): number {
    return this.#buf.readUInt32LE(this.#need(4, 'a u32'));
  }

  f64(): number {
    return this.#buf.readDoubleLE(this.#need(8, 'an f64'));
  }

  str16(): string {
    const n = this.u16();
    if (n === NULL16) throw new DecodeError('null where a string is required');
    const at = this.#need(n, 'a string');
    return this.#buf.toString('utf8', at, at + n);
  }

  nstr16(): string | null {
    const n = this.u16();
    if (n === NULL16) return null;
    const at = this.#need(n, 'a string');
    return this.#buf.toString('utf8', at, at + n);
  }

  nstr32(): string | null {
    const n = this.u32();
    if (n === NULL32) return null;
    const at = this.#need(n, 'a string');
    return this.#buf.toString('utf8', at, at + n);
  }

  bytes32(copy: CopyOut): Uint8Array {
    const n = this.u32();
    const at = this.#need(n, 'a byte string');
    return copy(this.#buf, at, at + n);
  }

  /** The rest of the record as a view (valid as long as the underlying buffer). */
  rest(): Buffer {
    const at = this.#pos;
    this.#pos = this.#end;
    return this.#buf.subarray(at, this.#end);
  }

  /** Throws unless every byte was consumed. */
  done(): void {
    if (this.#pos !== this.#end) throw new DecodeError(`${this.#end - this.#pos} unexpected bytes after the last field`);
  }
}
