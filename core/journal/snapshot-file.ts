// Snapshot files: written to a temp file, synced, renamed, directory synced; validated by a trailer CRC.
//
// Layout: file header (kind SNAPSHOT, seq = last segment covered), the owner's opaque body, then a
// 16-byte trailer: u32 body length low, u32 body length high, u32 CRC32(body), u32 CRC32(trailer 0..11).
import fs from 'node:fs';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { JournalCorruptError, JournalError, JournalErrorCode } from './errors.ts';
import { FILE_HEADER_BYTES, FileKind, TEMP_SUFFIX, encodeFileHeader, fileHeaderProblem, snapshotName } from './format.ts';
import { closeFd, fileSize, fsyncDir, fsyncFd, nodeIo, openFd, readFullyAt, writeAllAt } from './fs-io.ts';

const TRAILER_BYTES = 16;
/** Chunks smaller than this are copied into a write buffer of COALESCE_BUFFER bytes; larger ones go straight out. */
const COALESCE_LIMIT = 64 * 1024;
const COALESCE_BUFFER = 1024 * 1024;
const io = nodeIo('fsync');
const noop = (): void => {};

/** Where the owner writes its snapshot. */
export interface SnapshotSink {
  /** Appends bytes. Do not modify `chunk` until the returned promise resolves. */
  write(chunk: Uint8Array): Promise<void>;
}

/** A validated snapshot, as replay() hands it to the owner. */
export interface SnapshotSource {
  /** The last segment the snapshot covers; replay continues with the next one. */
  readonly seq: number;
  /** Body size in bytes. */
  readonly bytes: number;
  /** The body in chunks; each chunk is a view valid until the next one is requested. */
  chunks(): AsyncIterable<Uint8Array>;
  /** The whole body in one buffer. */
  readAll(): Promise<Uint8Array>;
}

function encodeTrailer(bodyBytes: number, bodyCrc: number): Buffer {
  const t = Buffer.alloc(TRAILER_BYTES);
  t.writeUInt32LE(bodyBytes % 0x1_0000_0000, 0);
  t.writeUInt32LE(Math.floor(bodyBytes / 0x1_0000_0000), 4);
  t.writeUInt32LE(bodyCrc, 8);
  t.writeUInt32LE(crc32(t.subarray(0, 12)), 12);
  return t;
}

export class SnapshotWriter implements SnapshotSink {
  readonly seq: number;
  readonly #dir: string;
  readonly #tmp: string;
  readonly #fd: Promise<number>;
  /** Serialises the writes; each link writes at a position fixed when it was queued. */
  #chain: Promise<void>;
  #position = FILE_HEADER_BYTES;
  #crc = 0;
  #bodyBytes = 0;
  #buf = Buffer.allocUnsafe(COALESCE_BUFFER);
  #used = 0;
  #finished = false;

  /** Opens `snapshot-<seq>.snap.tmp` (replacing a leftover) and writes the file header. */
  constructor(dir: string, seq: number) {
    this.seq = seq;
    this.#dir = dir;
    this.#tmp = join(dir, snapshotName(seq) + TEMP_SUFFIX);
    this.#fd = openFd(this.#tmp, 'w').then(async (fd) => {
      await writeAllAt(io, fd, encodeFileHeader(FileKind.SNAPSHOT, seq), 0);
      return fd;
    });
    this.#chain = this.#fd.then(noop);
    this.#chain.catch(noop); // surfaced by write()/commit(), never as an unhandled rejection
  }

  write(chunk: Uint8Array): Promise<void> {
    if (this.#finished) return Promise.reject(new JournalError(JournalErrorCode.STATE, 'snapshot already finished'));
    this.#crc = crc32(chunk, this.#crc);
    this.#bodyBytes += chunk.length;
    if (chunk.length < COALESCE_LIMIT) {
      if (this.#used + chunk.length > this.#buf.length) this.#flushBuffer();
      this.#buf.set(chunk, this.#used);
      this.#used += chunk.length;
      return Promise.resolve();
    }
    this.#flushBuffer();
    return this.#queue(chunk);
  }

  /** Writes trailer, syncs, renames into place and syncs the directory. Returns the body size. */
  async commit(): Promise<number> {
    this.#flushBuffer();
    this.#finished = true;
    this.#queue(encodeTrailer(this.#bodyBytes, this.#crc));
    await this.#chain;
    const fd = await this.#fd;
    await fsyncFd(fd);
    await closeFd(fd);
    await fs.promises.rename(this.#tmp, join(this.#dir, snapshotName(this.seq)));
    await fsyncDir(this.#dir);
    return this.#bodyBytes;
  }

  /** Closes and removes the temp file. */
  async abort(): Promise<void> {
    this.#finished = true;
    await this.#chain.catch(noop);
    const fd = await this.#fd.catch(() => null);
    if (fd !== null) await closeFd(fd).catch(noop);
    await fs.promises.rm(this.#tmp, { force: true });
  }

  #flushBuffer(): void {
    if (this.#used === 0) return;
    const out = this.#buf.subarray(0, this.#used);
    this.#buf = Buffer.allocUnsafe(COALESCE_BUFFER);
    this.#used = 0;
    void this.#queue(out);
  }

  #queue(data: Uint8Array): Promise<void> {
    const at = this.#position;
    this.#position += data.length;
    this.#chain = this.#chain.then(async () => writeAllAt(io, await this.#fd, data, at));
    this.#chain.catch(noop);
    return this.#chain;
  }
}

/** Checks header, trailer and body CRC. Returns the body size, or throws JournalCorruptError. */
export async function validateSnapshot(path: string, seq: number, chunkBytes: number): Promise<number> {
  const fd = await openFd(path, 'r');
  try {
    const size = await fileSize(fd);
    if (size < FILE_HEADER_BYTES + TRAILER_BYTES) throw new JournalCorruptError(path, 0, `snapshot file is only ${size} bytes`);
    const head = Buffer.allocUnsafe(FILE_HEADER_BYTES);
    await readFullyAt(fd, head, 0, FILE_HEADER_BYTES, 0);
    const problem = fileHeaderProblem(head, FileKind.SNAPSHOT, seq);
    if (problem !== null) throw new JournalCorruptError(path, 0, problem);
    const trailerAt = size - TRAILER_BYTES;
    const t = Buffer.allocUnsafe(TRAILER_BYTES);
    await readFullyAt(fd, t, 0, TRAILER_BYTES, trailerAt);
    if (crc32(t.subarray(0, 12)) !== t.readUInt32LE(12)) throw new JournalCorruptError(path, trailerAt, 'snapshot trailer checksum mismatch');
    const bodyBytes = t.readUInt32LE(0) + t.readUInt32LE(4) * 0x1_0000_0000;
    if (bodyBytes !== trailerAt - FILE_HEADER_BYTES) {
      throw new JournalCorruptError(path, trailerAt, `snapshot trailer says ${bodyBytes} body bytes, file holds ${trailerAt - FILE_HEADER_BYTES}`);
    }
    let crc = 0;
    for await (const chunk of readBody(fd, bodyBytes, chunkBytes)) crc = crc32(chunk, crc);
    if (crc !== t.readUInt32LE(8)) throw new JournalCorruptError(path, FILE_HEADER_BYTES, 'snapshot body checksum mismatch');
    return bodyBytes;
  } finally {
    await closeFd(fd);
  }
}

async function* readBody(fd: number, bodyBytes: number, chunkBytes: number): AsyncGenerator<Uint8Array> {
  const buf = Buffer.allocUnsafe(Math.max(4096, Math.min(chunkBytes, bodyBytes)));
  for (let done = 0; done < bodyBytes; ) {
    const n = await readFullyAt(fd, buf, 0, Math.min(buf.length, bodyBytes - done), FILE_HEADER_BYTES + done);
    if (n === 0) throw new Error('snapshot file shrank while being read');
    yield buf.subarray(0, n);
    done += n;
  }
}

/** A source over a snapshot that `validateSnapshot` accepted. */
export function snapshotSource(path: string, seq: number, bodyBytes: number, chunkBytes: number): SnapshotSource {
  async function* chunks(): AsyncGenerator<Uint8Array> {
    const fd = await openFd(path, 'r');
    try {
      yield* readBody(fd, bodyBytes, chunkBytes);
    } finally {
      await closeFd(fd);
    }
  }
  return {
    seq,
    bytes: bodyBytes,
    chunks,
    async readAll() {
      const out = Buffer.allocUnsafe(bodyBytes);
      let at = 0;
      for await (const c of chunks()) {
        out.set(c, at);
        at += c.length;
      }
      return out;
    },
  };
}
