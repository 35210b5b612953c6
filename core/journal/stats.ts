// Journal counters, live and cumulative since open; a bench or the lab API reads them directly.

export interface JournalStats {
  /** append() calls accepted. */
  appends: number;
  /** Group-commit batches written (one write, possibly split by the kernel, then one sync). */
  batches: number;
  /** Syncs on the append path (one per batch). Directory and snapshot syncs are in `metaSyncs`. */
  fsyncs: number;
  /** Record bytes written to segments, headers included. */
  bytes: number;
  /** Largest number of appends one batch carried. */
  maxBatchAppends: number;
  /** Syncs of snapshot files, new segment files and directories. */
  metaSyncs: number;
  /** New segments started (by size or by a snapshot). */
  rotations: number;
  /** Snapshots made durable. */
  snapshots: number;
  /** Records and record bytes delivered by replay(). */
  replayedRecords: number;
  replayedBytes: number;
}

export function newStats(): JournalStats {
  return {
    appends: 0,
    batches: 0,
    fsyncs: 0,
    bytes: 0,
    maxBatchAppends: 0,
    metaSyncs: 0,
    rotations: 0,
    snapshots: 0,
    replayedRecords: 0,
    replayedBytes: 0,
  };
}
