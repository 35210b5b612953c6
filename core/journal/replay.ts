// Replay at start-up: the snapshot, then every segment in order; cuts a torn tail, stops on corruption.
//
// Torn tail versus corruption (the rule replay applies to the first record of a segment that does not
// decode, at byte offset p):
//   - In any segment but the newest: corruption. A segment is closed only after its last batch is durable.
//   - In the newest segment: a torn tail if no intact record starts after it — searched from the end the
//     record claims when its header CRC holds, else byte by byte from p + 1. The file is cut back to p and
//     the cut is reported in ReplayResult.tornTail. A crash mid-write can only leave such a tail, because a
//     batch is written only after the previous batch's sync returned.
//   - Otherwise (an intact record follows): corruption. Open fails with JournalCorruptError naming the
//     file and p; nothing is dropped.
// A bad file header, an invalid snapshot with no usable older one, or a missing segment is corruption too.
// What the rule trades away: after a power loss, a file system that wrote an unsynced batch's pages out of
// order can leave an intact record of that (unacknowledged) batch behind a hole. The rule then reports
// corruption and start-up stops, where dropping the batch would have been safe; it never guesses the
// other way. (A process crash, SIGKILL included, cannot produce this: the page cache keeps write order.)
import { join } from 'node:path';
import { createSegmentFile, type Layout } from './directory.ts';
import { JournalCorruptError, JournalError, JournalErrorCode } from './errors.ts';
import { FILE_HEADER_BYTES, segmentName } from './format.ts';
import { frameStatusText } from './frame.ts';
import { closeFd, fsyncFd, ftruncateFd, openFd } from './fs-io.ts';
import { type OnRecord, readSegment } from './segment-reader.ts';
import { type SnapshotSource, snapshotSource } from './snapshot-file.ts';
import type { JournalStats } from './stats.ts';
import { findIntactRecord } from './tail-scan.ts';

export interface ReplayHandlers {
  /** Required when the directory holds a snapshot: it is the state before the first replayed record. */
  onSnapshot?: (snapshot: SnapshotSource) => void | Promise<void>;
  onRecord: OnRecord;
}

export interface TornTail {
  file: string;
  /** Where the file was cut: the first byte that did not decode. */
  offset: number;
  droppedBytes: number;
  reason: string;
}

export interface ReplayResult {
  /** Last segment covered by the loaded snapshot, or null if none was loaded. */
  snapshotSeq: number | null;
  segments: number;
  records: number;
  bytes: number;
  tornTail: TornTail | null;
  /** Files open() skipped or cleaned up. */
  warnings: string[];
}

/** What replay leaves for the append path: the newest segment, open, and where its intact records end. */
export interface ReplayEnd {
  result: ReplayResult;
  seq: number;
  fd: number;
  end: number;
}

/**
 * Delivers the snapshot (if any) and the records of every segment; creates the first segment of an empty
 * directory. Throws JournalCorruptError for damage that is not a torn tail.
 */
export async function replayDirectory(
  dir: string,
  layout: Layout,
  h: ReplayHandlers,
  chunkBytes: number,
  stats: JournalStats,
): Promise<ReplayEnd> {
  const { snapshot, segments, warnings } = layout;
  if (snapshot !== null) {
    if (h.onSnapshot === undefined) {
      throw new JournalError(
        JournalErrorCode.STATE,
        `${snapshot.path} holds the state up to segment ${snapshot.seq}, but replay() was given no onSnapshot handler`,
      );
    }
    await h.onSnapshot(snapshotSource(snapshot.path, snapshot.seq, snapshot.bytes, chunkBytes));
  }
  let records = 0;
  let bytes = 0;
  let tornTail: TornTail | null = null;
  let end = FILE_HEADER_BYTES;
  for (let i = 0; i < segments.length; i++) {
    const seq = segments[i]!;
    const path = join(dir, segmentName(seq));
    const scan = await readSegment(path, seq, h.onRecord, chunkBytes);
    records += scan.records;
    bytes += scan.bytes;
    stats.replayedRecords += scan.records;
    stats.replayedBytes += scan.bytes;
    end = scan.end;
    const d = scan.defect;
    if (d === null) continue;
    const reason = frameStatusText[d.status];
    if (i < segments.length - 1) {
      throw new JournalCorruptError(path, d.offset, `${reason} in a segment that is not the newest, so not a torn tail`);
    }
    const intact = await findIntactRecord(path, d.scanFrom, scan.size, chunkBytes);
    if (intact >= 0) {
      throw new JournalCorruptError(path, d.offset, `${reason}, and an intact record follows at byte ${intact}, so not a torn tail`);
    }
    tornTail = { file: path, offset: d.offset, droppedBytes: scan.size - d.offset, reason };
  }
  let seq: number;
  let fd: number;
  if (segments.length === 0) {
    seq = (snapshot?.seq ?? 0) + 1;
    fd = await createSegmentFile(dir, seq);
    stats.metaSyncs += 2;
  } else {
    seq = segments[segments.length - 1]!;
    fd = await openFd(join(dir, segmentName(seq)), 'r+');
    if (tornTail !== null) {
      try {
        await ftruncateFd(fd, tornTail.offset);
        await fsyncFd(fd);
      } catch (e) {
        await closeFd(fd);
        throw e;
      }
      stats.metaSyncs++;
    }
  }
  const result = { snapshotSeq: snapshot?.seq ?? null, segments: segments.length, records, bytes, tornTail, warnings };
  return { result, seq, fd, end };
}
