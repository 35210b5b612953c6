// Replay of one segment file: large chunked reads, each record handed out as a view into the chunk buffer.
import { JournalCorruptError } from './errors.ts';
import { FILE_HEADER_BYTES, FileKind, fileHeaderProblem } from './format.ts';
import { FrameStatus, RECORD_HEADER_BYTES, checkFrame, headerIntact } from './frame.ts';
import { closeFd, fileSize, openFd, readFullyAt } from './fs-io.ts';

/**
 * Receives one record. `payload` is a view into the read buffer: valid during the call (and until the
 * returned promise settles); copy it to keep it. Zero-copy is the point: replay allocates per chunk, not
 * per record. `segment` and `offset` locate the record's header on disk.
 */
export type OnRecord = (type: number, payload: Uint8Array, segment: number, offset: number) => void | Promise<void>;

/** The first record of a segment that does not decode. */
export interface Defect {
  offset: number;
  status: FrameStatus;
  /** Where an intact later record could begin: after the record's claimed end if its header is intact, else offset + 1. */
  scanFrom: number;
}

export interface SegmentScan {
  size: number;
  /** Offset just past the last intact record. */
  end: number;
  records: number;
  bytes: number;
  defect: Defect | null;
}

/** Delivers every intact record of the segment in order and stops at the first defect (which it reports). */
export async function readSegment(path: string, seq: number, onRecord: OnRecord, chunkBytes: number): Promise<SegmentScan> {
  const fd = await openFd(path, 'r');
  try {
    const size = await fileSize(fd);
    let buf = Buffer.allocUnsafe(Math.max(chunkBytes, 4096));
    const headerBytes = await readFullyAt(fd, buf, 0, FILE_HEADER_BYTES, 0);
    const problem = fileHeaderProblem(buf.subarray(0, headerBytes), FileKind.SEGMENT, seq);
    if (problem !== null) throw new JournalCorruptError(path, 0, problem);

    let base = FILE_HEADER_BYTES; // file offset of buf[0]
    let filled = 0;
    let pos = 0;
    let records = 0;
    let bytes = 0;
    for (;;) {
      const atEof = base + filled === size;
      for (;;) {
        const status = checkFrame(buf, pos, filled);
        if (status === FrameStatus.OK) {
          const start = pos + RECORD_HEADER_BYTES;
          const end = start + buf.readUInt32LE(pos);
          const r = onRecord(buf[pos + 4]!, buf.subarray(start, end), seq, base + pos);
          if (r !== undefined) await r;
          records++;
          bytes += end - pos;
          pos = end;
          continue;
        }
        if (status === FrameStatus.SHORT_HEADER || status === FrameStatus.SHORT_PAYLOAD) {
          if (!atEof) break; // the record continues in the next chunk
          if (pos === filled) return { size, end: base + pos, records, bytes, defect: null };
        }
        const offset = base + pos;
        const scanFrom =
          status === FrameStatus.BAD_PAYLOAD
            ? offset + RECORD_HEADER_BYTES + buf.readUInt32LE(pos)
            : status === FrameStatus.SHORT_PAYLOAD
              ? size
              : offset + 1;
        return { size, end: offset, records, bytes, defect: { offset, status, scanFrom } };
      }
      // Refill: keep the unfinished record at the front, grow if one record is bigger than the buffer.
      if (pos > 0) {
        buf.copyWithin(0, pos, filled);
        base += pos;
        filled -= pos;
        pos = 0;
      }
      if (filled >= RECORD_HEADER_BYTES && headerIntact(buf, 0)) {
        const need = RECORD_HEADER_BYTES + buf.readUInt32LE(0);
        if (need > buf.length) {
          const bigger = Buffer.allocUnsafe(need);
          buf.copy(bigger, 0, 0, filled);
          buf = bigger;
        }
      }
      const want = Math.min(buf.length - filled, size - (base + filled));
      const got = await readFullyAt(fd, buf, filled, want, base + filled);
      if (got !== want) throw new JournalCorruptError(path, base + filled + got, 'file shrank while being replayed');
      filled += got;
    }
  } finally {
    await closeFd(fd);
  }
}
