// The journal: append-only segment files with group commit, replay at start-up, snapshots to bound replay.
//
// Lifecycle: `Journal.open(dir)` reads the directory, `replay(...)` delivers the snapshot and every record
// (and cuts a torn tail), then `append` / `snapshot` / `flush`, and finally `close()`. How a torn tail is
// told from corruption is written down in replay.ts; the file formats in format.ts, frame.ts, snapshot-file.ts.
import { join } from 'node:path';
import { createSegmentFile, type Layout, removeSuperseded, resolveLayout } from './directory.ts';
import { JournalError, JournalErrorCode } from './errors.ts';
import { FILE_HEADER_BYTES, snapshotName } from './format.ts';
import { type JournalIo, type SyncMethod, nodeIo } from './fs-io.ts';
import { GroupCommitWriter } from './group-commit.ts';
import { type ReplayHandlers, type ReplayResult, replayDirectory } from './replay.ts';
import type { OnRecord } from './segment-reader.ts';
import { type SnapshotSink, SnapshotWriter } from './snapshot-file.ts';
import { type JournalStats, newStats } from './stats.ts';

export interface JournalOptions {
  /** Durability call after each batch. Default 'fdatasync'. */
  sync?: SyncMethod;
  /** Start a new segment once the current one reaches this size. Default 256 MiB. */
  maxSegmentBytes?: number;
  /** Read size for replay and validation. Default 4 MiB. */
  readChunkBytes?: number;
  /** Append-path I/O; tests inject failures here. Default: node:fs with `sync`. */
  io?: JournalIo;
}

/** Called synchronously by snapshot(): take a consistent view of the state before the first await. */
export type SnapshotWrite = (sink: SnapshotSink) => void | Promise<void>;

export interface SnapshotInfo {
  /** Last segment the snapshot covers. */
  seq: number;
  file: string;
  bytes: number;
}

export const JournalState = {
  OPENED: 'opened',
  REPLAYING: 'replaying',
  READY: 'ready',
  CLOSING: 'closing',
  CLOSED: 'closed',
} as const;
export type JournalState = (typeof JournalState)[keyof typeof JournalState];

const noop = (): void => {};

export class Journal {
  readonly dir: string;
  /** Live counters (appends, batches, fsyncs, bytes, …). */
  readonly stats: JournalStats = newStats();
  readonly #layout: Layout;
  readonly #io: JournalIo;
  readonly #maxSegmentBytes: number;
  readonly #chunkBytes: number;
  #state: JournalState = JournalState.OPENED;
  #failed: JournalError | null = null;
  #writer: GroupCommitWriter | null = null;
  /** Rotations run one after another: a segment is created only after the previous one is closed. */
  #rotation: Promise<void> = Promise.resolve();
  #snapshotting: Promise<SnapshotInfo> | null = null;
  #closing: Promise<void> | null = null;

  private constructor(dir: string, layout: Layout, options: JournalOptions) {
    this.dir = dir;
    this.#layout = layout;
    this.#io = options.io ?? nodeIo(options.sync);
    this.#maxSegmentBytes = options.maxSegmentBytes ?? 256 * 1024 * 1024;
    this.#chunkBytes = options.readChunkBytes ?? 4 * 1024 * 1024;
  }

  /** Reads the directory (creating it if needed) and validates the snapshot; replay() comes next. */
  static async open(dir: string, options: JournalOptions = {}): Promise<Journal> {
    const layout = await resolveLayout(dir, options.readChunkBytes ?? 4 * 1024 * 1024);
    return new Journal(dir, layout, options);
  }

  get state(): JournalState {
    return this.#state;
  }

  /** Sequence number of the segment new appends go to (0 before replay). */
  get segment(): number {
    return this.#writer?.seq ?? 0;
  }

  /** Set once a write or sync failed; every later append rejects with it. */
  get failure(): JournalError | null {
    return this.#failed;
  }

  /**
   * Delivers the snapshot (if any) then every record in order, cuts a torn tail, and makes the journal
   * ready for appends. Runs exactly once. Throws JournalCorruptError on damage that is not a torn tail.
   */
  async replay(handlers: ReplayHandlers | OnRecord): Promise<ReplayResult> {
    if (this.#state !== JournalState.OPENED) throw this.#stateError('replay() runs once, right after open()');
    this.#state = JournalState.REPLAYING;
    try {
      const h = typeof handlers === 'function' ? { onRecord: handlers } : handlers;
      const { result, seq, fd, end } = await replayDirectory(this.dir, this.#layout, h, this.#chunkBytes, this.stats);
      this.#writer = new GroupCommitWriter(seq, this.#io, this.stats, (e) => this.#fail(e));
      this.#writer.attach(fd, end);
      this.#state = JournalState.READY;
      return result;
    } catch (e) {
      this.#state = JournalState.CLOSED;
      throw e;
    }
  }

  /** Resolves once the record is durable. The payload is copied before this returns. */
  append(type: number, payload: Uint8Array): Promise<void> {
    const w = this.#writer;
    if (this.#failed !== null) return Promise.reject(this.#failed);
    if (this.#state !== JournalState.READY || w === null) return Promise.reject(this.#stateError('append()'));
    let done: Promise<void>;
    try {
      done = w.append(type, payload);
    } catch (e) {
      return Promise.reject(e);
    }
    this.stats.appends++;
    if (w.bytes >= this.#maxSegmentBytes && w.attached && !w.sealed) this.#rotate().catch(noop);
    return done;
  }

  /** Resolves once every append issued before this call is durable. */
  async flush(): Promise<void> {
    await this.#rotation;
    if (this.#failed !== null) throw this.#failed;
    await this.#writer?.drain();
  }

  /**
   * Writes a snapshot covering every append issued before this call, then deletes the segments it covers.
   * `write` is called synchronously, before this returns a promise: it must capture the state it writes
   * before its first await (appends issued afterwards go to the next segment and are not covered).
   */
  async snapshot(write: SnapshotWrite): Promise<SnapshotInfo> {
    if (this.#failed !== null) throw this.#failed;
    if (this.#state !== JournalState.READY) throw this.#stateError('snapshot()');
    if (this.#snapshotting !== null) throw new JournalError(JournalErrorCode.STATE, 'a snapshot is already being written');
    const covered = this.#writer!.seq;
    const rotated = this.#rotate();
    const sink = new SnapshotWriter(this.dir, covered);
    let produced: Promise<void>;
    try {
      produced = Promise.resolve(write(sink));
    } catch (e) {
      produced = Promise.reject(e);
    }
    const run = (async (): Promise<SnapshotInfo> => {
      let bytes: number;
      try {
        await Promise.all([rotated, produced]); // the covered segments are durable and closed
        bytes = await sink.commit();
      } catch (e) {
        await sink.abort();
        throw e;
      }
      this.stats.metaSyncs += 2;
      this.stats.snapshots++;
      await removeSuperseded(this.dir, covered);
      return { seq: covered, file: join(this.dir, snapshotName(covered)), bytes };
    })();
    this.#snapshotting = run;
    try {
      return await run;
    } finally {
      this.#snapshotting = null;
    }
  }

  /** Flushes pending appends (and lets a running snapshot finish), then closes files. Rejects if the journal failed. */
  close(): Promise<void> {
    if (this.#closing !== null) return this.#closing;
    if (this.#state === JournalState.REPLAYING) return Promise.reject(this.#stateError('close() (await replay() first)'));
    if (this.#state !== JournalState.READY) {
      this.#state = JournalState.CLOSED;
      return Promise.resolve();
    }
    this.#state = JournalState.CLOSING;
    this.#closing = (async () => {
      await this.#snapshotting?.catch(noop);
      await this.#rotation;
      try {
        await this.#writer?.close();
      } finally {
        this.#state = JournalState.CLOSED;
      }
      if (this.#failed !== null) throw this.#failed;
    })();
    return this.#closing;
  }

  /** Switches appends to a new segment now; the file is created once the old segment is durable and closed. */
  #rotate(): Promise<void> {
    const old = this.#writer!;
    old.seal();
    const next = new GroupCommitWriter(old.seq + 1, this.#io, this.stats, (e) => this.#fail(e));
    this.#writer = next;
    const step = this.#rotation.then(async () => {
      if (this.#failed !== null) {
        old.fail(this.#failed); // an earlier rotation failed, so `old` was never given a file
        throw this.#failed;
      }
      await old.close();
      if (this.#failed !== null) throw this.#failed;
      const fd = await createSegmentFile(this.dir, next.seq);
      this.stats.metaSyncs += 2;
      this.stats.rotations++;
      next.attach(fd, FILE_HEADER_BYTES);
    });
    this.#rotation = step.catch((e: unknown) => this.#fail(e));
    return step;
  }

  #fail(e: unknown): void {
    if (this.#failed !== null) return;
    this.#failed =
      e instanceof JournalError
        ? e
        : new JournalError(JournalErrorCode.FAILED, `journal I/O failed (${(e as Error).message}); no further appends`, { cause: e });
    this.#writer?.fail(this.#failed);
  }

  #stateError(what: string): JournalError {
    const code =
      this.#state === JournalState.CLOSING || this.#state === JournalState.CLOSED ? JournalErrorCode.CLOSED : JournalErrorCode.STATE;
    return new JournalError(code, `${what} is not allowed while the journal is ${this.#state}`);
  }
}
