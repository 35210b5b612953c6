// Promise wrappers over node:fs callback calls on numeric file descriptors, and the append-path I/O seam.
//
// The callback API is used rather than FileHandle: on this machine the two measured the same for
// write+fdatasync (~190 µs per durable write), and plain fds keep the writer free of handle objects.
import fs from 'node:fs';

/** The calls the append path makes. Tests swap in failing versions; everything else uses node:fs. */
export interface JournalIo {
  write(fd: number, data: Uint8Array, position: number): Promise<number>;
  /** Makes every byte written so far durable (fdatasync or fsync). */
  sync(fd: number): Promise<void>;
}

/** Which durability call `sync` makes. fdatasync skips timestamps but still flushes the file size. */
export type SyncMethod = 'fdatasync' | 'fsync';

export function nodeIo(method: SyncMethod = 'fdatasync'): JournalIo {
  return { write: writeAt, sync: method === 'fsync' ? fsyncFd : fdatasyncFd };
}

export function openFd(path: string, flags: string | number): Promise<number> {
  return new Promise((resolve, reject) => fs.open(path, flags, 0o644, (e, fd) => (e ? reject(e) : resolve(fd))));
}

export function closeFd(fd: number): Promise<void> {
  return new Promise((resolve, reject) => fs.close(fd, (e) => (e ? reject(e) : resolve())));
}

export function writeAt(fd: number, data: Uint8Array, position: number): Promise<number> {
  return new Promise((resolve, reject) =>
    fs.write(fd, data, 0, data.length, position, (e, n) => (e ? reject(e) : resolve(n))),
  );
}

/** Writes all of `data` at `position`, looping over short writes. */
export async function writeAllAt(io: JournalIo, fd: number, data: Uint8Array, position: number): Promise<void> {
  let done = 0;
  while (done < data.length) {
    const n = await io.write(fd, done === 0 ? data : data.subarray(done), position + done);
    if (n <= 0) throw new Error(`write returned ${n}`);
    done += n;
  }
}

export function readAt(fd: number, into: Uint8Array, offset: number, length: number, position: number): Promise<number> {
  return new Promise((resolve, reject) =>
    fs.read(fd, into, offset, length, position, (e, n) => (e ? reject(e) : resolve(n))),
  );
}

/** Reads exactly `length` bytes unless the file ends first; returns how many were read. */
export async function readFullyAt(fd: number, into: Uint8Array, offset: number, length: number, position: number): Promise<number> {
  let done = 0;
  while (done < length) {
    const n = await readAt(fd, into, offset + done, length - done, position + done);
    if (n === 0) break;
    done += n;
  }
  return done;
}

export function fsyncFd(fd: number): Promise<void> {
  return new Promise((resolve, reject) => fs.fsync(fd, (e) => (e ? reject(e) : resolve())));
}

export function fdatasyncFd(fd: number): Promise<void> {
  return new Promise((resolve, reject) => fs.fdatasync(fd, (e) => (e ? reject(e) : resolve())));
}

export function ftruncateFd(fd: number, length: number): Promise<void> {
  return new Promise((resolve, reject) => fs.ftruncate(fd, length, (e) => (e ? reject(e) : resolve())));
}

export function fileSize(fd: number): Promise<number> {
  return new Promise((resolve, reject) => fs.fstat(fd, (e, st) => (e ? reject(e) : resolve(st.size))));
}

/** Makes a directory's entries (creates, renames, unlinks) durable. */
export async function fsyncDir(dir: string): Promise<void> {
  const fd = await openFd(dir, fs.constants.O_RDONLY | fs.constants.O_DIRECTORY);
  try {
    await fsyncFd(fd);
  } finally {
    await closeFd(fd);
  }
}
