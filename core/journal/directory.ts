// The journal directory: which snapshot and segments to use at open, new segment files, and cleanup.
//
// Names: journal-<seq>.log (segments, seq from 1), snapshot-<seq>.snap (state up to and including segment
// <seq>), and *.tmp for files being created. A live directory is: at most one valid newest snapshot S
// (none = S is 0) and the segments S+1, S+2, … with no gap.
import fs from 'node:fs';
import { join } from 'node:path';
import { JournalCorruptError } from './errors.ts';
import {
  FileKind,
  TEMP_SUFFIX,
  encodeFileHeader,
  parseSegmentName,
  parseSnapshotName,
  segmentName,
  snapshotName,
} from './format.ts';
import { closeFd, fsyncDir, fsyncFd, nodeIo, openFd, writeAllAt } from './fs-io.ts';
import { validateSnapshot } from './snapshot-file.ts';

export interface Layout {
  snapshot: { seq: number; path: string; bytes: number } | null;
  /** Segments to replay after the snapshot, ascending and contiguous. */
  segments: number[];
  /** What open skipped or cleaned up, for the operator. */
  warnings: string[];
}

/**
 * Reads the directory (creating it if missing). Removes *.tmp files (creations that never completed, so
 * nothing in them was acknowledged) and files a valid snapshot supersedes (a cleanup a crash interrupted).
 * An invalid snapshot is skipped for an older one, which only works if the segments after that one
 * still exist; a missing segment is corruption.
 */
export async function resolveLayout(dir: string, chunkBytes: number): Promise<Layout> {
  await fs.promises.mkdir(dir, { recursive: true });
  const warnings: string[] = [];
  const segments: number[] = [];
  const snapshots: number[] = [];
  let changed = false;
  for (const name of await fs.promises.readdir(dir)) {
    if (name.endsWith(TEMP_SUFFIX)) {
      await fs.promises.rm(join(dir, name), { force: true });
      warnings.push(`removed unfinished file ${name}`);
      changed = true;
      continue;
    }
    const seg = parseSegmentName(name);
    if (seg >= 0) segments.push(seg);
    const snap = parseSnapshotName(name);
    if (snap >= 0) snapshots.push(snap);
  }
  segments.sort((a, b) => a - b);
  snapshots.sort((a, b) => a - b);

  let snapshot: Layout['snapshot'] = null;
  for (let i = snapshots.length - 1; i >= 0 && snapshot === null; i--) {
    const seq = snapshots[i]!;
    const path = join(dir, snapshotName(seq));
    try {
      snapshot = { seq, path, bytes: await validateSnapshot(path, seq, chunkBytes) };
    } catch (e) {
      if (!(e instanceof JournalCorruptError)) throw e;
      warnings.push(`skipped invalid snapshot: ${e.message}`);
    }
  }
  const base = snapshot?.seq ?? 0;
  for (const seq of snapshots) {
    if (seq < base) await fs.promises.rm(join(dir, snapshotName(seq)), { force: true });
    changed ||= seq < base;
  }
  const live: number[] = [];
  for (const seq of segments) {
    if (seq > base) live.push(seq);
    else {
      await fs.promises.rm(join(dir, segmentName(seq)), { force: true });
      warnings.push(`removed ${segmentName(seq)}, already covered by ${snapshotName(base)}`);
      changed = true;
    }
  }
  for (let i = 0; i < live.length; i++) {
    const expected = base + 1 + i;
    if (live[i] !== expected) {
      const covered = snapshot ? `${snapshotName(base)} covers up to segment ${base}` : 'there is no valid snapshot';
      throw new JournalCorruptError(
        join(dir, segmentName(expected)),
        0,
        `segment file is missing (${covered}, next present segment is ${live[i]})`,
      );
    }
  }
  if (changed) await fsyncDir(dir);
  return { snapshot, segments: live, warnings };
}

/** Creates segment `seq` atomically (temp file with header, sync, rename, sync dir); returns an fd open for writing. */
export async function createSegmentFile(dir: string, seq: number): Promise<number> {
  const path = join(dir, segmentName(seq));
  const tmp = path + TEMP_SUFFIX;
  const fd = await openFd(tmp, 'w');
  try {
    await writeAllAt(nodeIo(), fd, encodeFileHeader(FileKind.SEGMENT, seq), 0);
    await fsyncFd(fd);
  } finally {
    await closeFd(fd);
  }
  await fs.promises.rename(tmp, path);
  await fsyncDir(dir);
  return openFd(path, 'r+');
}

/** After snapshot `seq` is durable: removes the segments it covers and older snapshots. */
export async function removeSuperseded(dir: string, seq: number): Promise<void> {
  let changed = false;
  for (const name of await fs.promises.readdir(dir)) {
    const seg = parseSegmentName(name);
    const snap = parseSnapshotName(name);
    if ((seg >= 0 && seg <= seq) || (snap >= 0 && snap < seq)) {
      await fs.promises.rm(join(dir, name), { force: true });
      changed = true;
    }
  }
  if (changed) await fsyncDir(dir);
}
