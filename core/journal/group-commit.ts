// Group commit for one segment: appends made while a write+sync is in flight share the next write+sync.
//
// Records are framed straight into a fill buffer, so the caller may reuse its payload as soon as append()
// returns. A flush swaps the fill buffer with a spare (double buffering), writes it at the end of the
// file, syncs, then settles the whole batch. Every append of a batch gets the same promise: one
// allocation per batch, not per append. The flush starts from setImmediate, so appends issued in the same
// tick — and continuations of the batch just acknowledged — land in one batch; the price is that a lone
// append waits one event-loop turn (well under the cost of the sync itself).
import { JournalError, JournalErrorCode } from './errors.ts';
import { RECORD_HEADER_BYTES, checkRecord, writeFrame } from './frame.ts';
import { type JournalIo, closeFd, writeAllAt } from './fs-io.ts';
import type { JournalStats } from './stats.ts';

interface Batch {
  readonly promise: Promise<void>;
  resolve: () => void;
  reject: (e: Error) => void;
  appends: number;
}

function newBatch(): Batch {
  let resolve!: () => void;
  let reject!: (e: Error) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject, appends: 0 };
}

/** Fill buffers start here and are dropped back to it after a batch larger than RETAIN_MAX. */
const INITIAL_BUFFER = 64 * 1024;
const RETAIN_MAX = 4 * 1024 * 1024;

export class GroupCommitWriter {
  readonly seq: number;
  readonly #io: JournalIo;
  readonly #stats: JournalStats;
  readonly #onFailure: (e: JournalError) => void;
  #fd: number | null = null;
  /** File offset where the next batch goes (the in-flight batch counts as written). */
  #position = 0;
  #fill = Buffer.allocUnsafe(INITIAL_BUFFER);
  #spare = Buffer.allocUnsafe(INITIAL_BUFFER);
  #used = 0;
  /** The batch collecting appends, and the one being written. */
  #open: Batch | null = null;
  #inflight: Batch | null = null;
  #scheduled = false;
  #sealed = false;
  #failed: JournalError | null = null;

  /** A writer starts detached: it accepts appends and writes them once `attach` gives it the file. */
  constructor(seq: number, io: JournalIo, stats: JournalStats, onFailure: (e: JournalError) => void) {
    this.seq = seq;
    this.#io = io;
    this.#stats = stats;
    this.#onFailure = onFailure;
  }

  /** Segment size including bytes not yet written. */
  get bytes(): number {
    return this.#position + this.#used;
  }

  get attached(): boolean {
    return this.#fd !== null;
  }

  get sealed(): boolean {
    return this.#sealed;
  }

  attach(fd: number, size: number): void {
    this.#fd = fd;
    this.#position = size;
    if (this.#open !== null) this.#schedule();
  }

  append(type: number, payload: Uint8Array): Promise<void> {
    if (this.#failed !== null) return Promise.reject(this.#failed);
    checkRecord(type, payload);
    const need = RECORD_HEADER_BYTES + payload.length;
    if (this.#used + need > this.#fill.length) this.#grow(this.#used + need);
    this.#used = writeFrame(this.#fill, this.#used, type, payload);
    const batch = (this.#open ??= newBatch());
    batch.appends++;
    this.#schedule();
    return batch.promise;
  }

  /** Resolves once everything appended so far is durable; rejects if that can no longer happen. */
  drain(): Promise<void> {
    if (this.#failed !== null) return Promise.reject(this.#failed);
    return (this.#open ?? this.#inflight)?.promise ?? Promise.resolve();
  }

  /** No more appends will come (the journal moved to the next segment or is closing). */
  seal(): void {
    this.#sealed = true;
  }

  /** Drains, then closes the file. The writer must be attached (or have nothing to write). */
  async close(): Promise<void> {
    this.#sealed = true;
    try {
      await this.drain();
    } finally {
      if (this.#fd !== null) {
        const fd = this.#fd;
        this.#fd = null;
        await closeFd(fd);
      }
    }
  }

  /** Fails every waiting append, and every later one, with `e` (used when the journal fails elsewhere). */
  fail(e: JournalError): void {
    if (this.#failed !== null) return;
    this.#failed = e;
    this.#used = 0;
    this.#open?.reject(e);
    this.#open = null;
  }

  #grow(min: number): void {
    const next = Buffer.allocUnsafe(Math.max(min, this.#fill.length * 2));
    this.#fill.copy(next, 0, 0, this.#used);
    this.#fill = next;
  }

  #schedule(): void {
    if (this.#scheduled || this.#inflight !== null || this.#fd === null) return;
    this.#scheduled = true;
    setImmediate(this.#flush);
  }

  readonly #flush = (): void => {
    this.#scheduled = false;
    void this.#flushBatch();
  };

  async #flushBatch(): Promise<void> {
    const batch = this.#open;
    const fd = this.#fd;
    if (batch === null || fd === null || this.#failed !== null) return;
    this.#open = null;
    this.#inflight = batch;
    const full = this.#fill;
    const data = full.subarray(0, this.#used);
    // The spare becomes the fill buffer; the one being written is the spare for the next flush, which
    // cannot start before this one ends. An oversized one is dropped once its write completes.
    this.#fill = this.#spare;
    this.#spare = full.length > RETAIN_MAX ? Buffer.allocUnsafe(INITIAL_BUFFER) : full;
    this.#used = 0;
    const at = this.#position;
    this.#position += data.length;
    try {
      await writeAllAt(this.#io, fd, data, at);
      this.#stats.bytes += data.length;
      this.#stats.batches++;
      await this.#io.sync(fd);
      this.#stats.fsyncs++;
    } catch (cause) {
      // A failed sync cannot be retried safely: the kernel may have dropped the dirty pages and cleared
      // the error, so a later "successful" sync would prove nothing. Fail this batch, the waiting one and
      // every later append.
      const e = new JournalError(
        JournalErrorCode.FAILED,
        `writing segment ${this.seq} failed (${(cause as Error).message}); the journal refuses further appends`,
        { cause },
      );
      this.#inflight = null;
      batch.reject(e);
      this.fail(e);
      this.#onFailure(e);
      return;
    }
    this.#inflight = null;
    if (batch.appends > this.#stats.maxBatchAppends) this.#stats.maxBatchAppends = batch.appends;
    batch.resolve();
    if (this.#open !== null) this.#schedule();
  }
}
