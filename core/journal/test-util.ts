// Helpers shared by the journal tests: temp directories, opening with a record collector, payload makers.
import fs from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import { Journal, type JournalOptions } from './journal.ts';
import type { ReplayResult } from './replay.ts';
import type { SnapshotSource } from './snapshot-file.ts';

const made: string[] = [];
after(() => {
  for (const d of made) fs.rmSync(d, { recursive: true, force: true });
});

/** A fresh directory removed when the test file ends. */
export function tempDir(): string {
  const d = fs.mkdtempSync(join(os.tmpdir(), 'fl-journal-'));
  made.push(d);
  return d;
}

export interface Replayed {
  type: number;
  payload: Buffer;
  segment: number;
  offset: number;
}

export interface Opened {
  journal: Journal;
  records: Replayed[];
  snapshot: Buffer | null;
  result: ReplayResult;
}

/** Opens and replays `dir`, copying every record (and the snapshot body) out. */
export async function openAndReplay(dir: string, options?: JournalOptions): Promise<Opened> {
  const journal = await Journal.open(dir, options);
  const records: Replayed[] = [];
  let snapshot: Buffer | null = null;
  const result = await journal.replay({
    onSnapshot: async (s: SnapshotSource) => {
      snapshot = Buffer.from(await s.readAll());
    },
    onRecord: (type, payload, segment, offset) => {
      records.push({ type, payload: Buffer.from(payload), segment, offset });
    },
  });
  return { journal, records, snapshot, result };
}

/** A deterministic payload for record `i`: its number in the first 4 bytes, then filler derived from it. */
export function payload(i: number, size = 200): Buffer {
  const b = Buffer.alloc(Math.max(size, 4));
  b.writeUInt32LE(i, 0);
  for (let k = 4; k < b.length; k++) b[k] = (i * 31 + k) & 0xff;
  return b;
}

export const numberOf = (r: Replayed): number => r.payload.readUInt32LE(0);
