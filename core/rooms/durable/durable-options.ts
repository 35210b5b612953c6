// JournaledRoomData's options and the statistics it reports (replay, snapshots, the journal's counters).
import type { JournalOptions, JournalStats, TornTail } from '../../journal/index.ts';
import type { AuxHandlers } from './aux-registry.ts';
import type { SnapshotCounts } from './snapshot-body.ts';
import type { EventStore } from '../../slots/store.ts';

export interface JournaledRoomDataOptions {
  /** The data directory's journal folder. */
  dir: string;
  /** The active store, read at each use (a live swap replaces it). Must be empty: open() fills it. */
  store: () => EventStore;
  /** Aux kinds to replay into; others may register later with onAux (their values are held until then). */
  aux?: Readonly<Record<string, AuxHandlers>>;
  /** Snapshot automatically after this many records since the last snapshot. Default 1 000 000. */
  snapshotEveryRecords?: number;
  /** … or after this many record bytes. Default 1 GiB. (Infinity for either disables that trigger.) */
  snapshotEveryBytes?: number;
  /** Size of each snapshot write. Default 1 MiB. */
  snapshotChunkBytes?: number;
  /** Size at which a NEW_STATE record is split into parts. Default STATE_PART_BYTES (tests lower it). */
  statePartBytes?: number;
  journal?: JournalOptions;
  /** Where failures of automatic snapshots go (nothing is lost: the journal keeps its segments). Default console.error. */
  onSnapshotError?: (e: unknown) => void;
}

export interface LoadedSnapshot extends SnapshotCounts {
  /** Last journal segment the snapshot covers. */
  seq: number;
  bytes: number;
  ms: number;
}

export interface ReplayStats {
  /** open() from start to ready: snapshot load plus record replay. */
  ms: number;
  snapshot: LoadedSnapshot | null;
  /** Journal records replayed after the snapshot. */
  records: number;
  bytes: number;
  segments: number;
  /** A torn tail the journal cut (a crash mid-write: those records were never acknowledged). */
  tornTail: TornTail | null;
  droppedPartialStates: number;
  /** Aux kinds replayed with no handler yet; held for onAux. */
  heldAuxKinds: string[];
  warnings: string[];
}

export interface SnapshotDone extends SnapshotCounts {
  seq: number;
  file: string;
  bytes: number;
  ms: number;
}

export interface DurableStats {
  readonly replay: ReplayStats;
  recordsSinceSnapshot: number;
  bytesSinceSnapshot: number;
  snapshots: number;
  lastSnapshot: SnapshotDone | null;
  lastSnapshotError: string | null;
  /** The journal's own counters (appends, batches, fsyncs, …). */
  readonly journal: JournalStats;
}
