// The torn-tail test: is there any intact record after a defect? Scans byte by byte, in large reads.
//
// A torn write (crash mid-append) leaves only a damaged *end*: the append path writes a batch only after
// the previous one is durable, so no intact record can follow a torn one. An intact record after a defect
// therefore means damage to data that was already durable — corruption, not a torn tail.
import { RECORD_HEADER_BYTES, headerIntact } from './frame.ts';
import { crc32 } from 'node:zlib';
import { closeFd, openFd, readFullyAt } from './fs-io.ts';

/** Offset of the first intact record starting at or after `from` (header and payload CRCs match), or -1. */
export async function findIntactRecord(path: string, from: number, size: number, chunkBytes: number): Promise<number> {
  if (size - from < RECORD_HEADER_BYTES) return -1;
  const fd = await openFd(path, 'r');
  try {
    const buf = Buffer.allocUnsafe(Math.max(chunkBytes, 4096));
    let base = from;
    while (size - base >= RECORD_HEADER_BYTES) {
      const n = await readFullyAt(fd, buf, 0, Math.min(buf.length, size - base), base);
      const lastStart = n - RECORD_HEADER_BYTES;
      for (let i = 0; i <= lastStart; i++) {
        if (!headerIntact(buf, i)) continue;
        const len = buf.readUInt32LE(i);
        const payloadAt = base + i + RECORD_HEADER_BYTES;
        if (payloadAt + len > size) continue;
        let payload: Buffer;
        if (i + RECORD_HEADER_BYTES + len <= n) {
          payload = buf.subarray(i + RECORD_HEADER_BYTES, i + RECORD_HEADER_BYTES + len);
        } else {
          payload = Buffer.allocUnsafe(len);
          await readFullyAt(fd, payload, 0, len, payloadAt);
        }
        if (crc32(payload) === buf.readUInt32LE(i + 8)) return base + i;
      }
      base += lastStart + 1;
    }
    return -1;
  } finally {
    await closeFd(fd);
  }
}
