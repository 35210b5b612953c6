// Start-up: replays the journal (snapshot, then records) into the store, room table and aux kinds.
// Any record that does not decode or apply becomes the journal's JournalCorruptError, naming file and offset.
import { join } from 'node:path';
import { type Journal, JournalCorruptError, segmentName, snapshotName } from '../../journal/index.ts';
import { FILE_HEADER_BYTES } from '../../journal/format.ts';
import { type ApplyTarget, RecordApplier } from './apply-records.ts';
import type { LoadedSnapshot, ReplayStats } from './durable-options.ts';
import { recordTypeName } from './records.ts';
import { readSnapshotBody } from './snapshot-reader.ts';

export async function replayJournal(journal: Journal, target: ApplyTarget): Promise<ReplayStats> {
  const t0 = performance.now();
  const dir = journal.dir;
  const applier = new RecordApplier(target);
  let loaded: LoadedSnapshot | null = null;
  const result = await journal.replay({
    onSnapshot: async (source) => {
      const t = performance.now();
      const file = join(dir, snapshotName(source.seq));
      const counts = await readSnapshotBody(
        source,
        (type, payload) => applier.apply(type, payload),
        (at, reason) => new JournalCorruptError(file, FILE_HEADER_BYTES + at, `room-data snapshot: ${reason}`),
      );
      loaded = { ...counts, seq: source.seq, bytes: source.bytes, ms: performance.now() - t };
    },
    onRecord: (type, payload, segment, offset) => {
      try {
        applier.apply(type, payload);
      } catch (e) {
        const what = recordTypeName[type] ?? `record type ${type}`;
        throw new JournalCorruptError(join(dir, segmentName(segment)), offset, `${what} does not replay: ${(e as Error).message}`);
      }
    },
  });
  applier.finish();
  return {
    ms: performance.now() - t0,
    snapshot: loaded,
    records: result.records,
    bytes: result.bytes,
    segments: result.segments,
    tornTail: result.tornTail,
    droppedPartialStates: applier.counts.droppedPartialStates,
    heldAuxKinds: target.aux.heldKinds(),
    warnings: result.warnings,
  };
}
