// JournaledRoomData: the engine's RoomData with durability. Every write is applied in memory and appended to
// the journal; commit() is the acknowledgement point; open() rebuilds everything by replay; snapshots bound
// replay time. Record layouts: records.ts; snapshot body: snapshot-body.ts.
import { Journal, MAX_PAYLOAD_BYTES } from '../../journal/index.ts';
import { AuxRegistry, type AuxReplay, type AuxSnapshot } from './aux-registry.ts';
import { ByteWriter } from './byte-writer.ts';
import type { DurableStats, JournaledRoomDataOptions, SnapshotDone } from './durable-options.ts';
import { encodePutEvent, encodeUpdateEvent } from './event-records.ts';
import { RecordType, STATE_PART_BYTES } from './records.ts';
import { replayJournal } from './replay-journal.ts';
import { encodeAux, encodeSetRoom } from './room-records.ts';
import { type SnapshotCapture, type SnapshotCounts, writeSnapshotBody } from './snapshot-body.ts';
import { encodeNewState } from './state-records.ts';
import type { RoomData, RoomRecord } from '../room-data.ts';
import type { EventStore, EventUpdate, NewEvent, StateChange, StateId } from '../../slots/store.ts';

const noop = (): void => {};

export class JournaledRoomData implements RoomData {
  readonly #journal: Journal;
  readonly #store: () => EventStore;
  readonly #rooms = new Map<string, RoomRecord>();
  readonly #aux = new AuxRegistry();
  readonly #w = new ByteWriter();
  readonly #everyRecords: number;
  readonly #everyBytes: number;
  readonly #chunkBytes: number;
  readonly #partBytes: number;
  readonly #onSnapshotError: (e: unknown) => void;
  #stats!: DurableStats;
  /** The promise of the newest append's batch: it settles after every earlier batch (see commit()). */
  #last: Promise<void> = Promise.resolve();
  #snapshotting: Promise<SnapshotDone> | null = null;
  #autoScheduled = false;
  #writable = false;

  private constructor(journal: Journal, o: JournaledRoomDataOptions) {
    this.#journal = journal;
    this.#store = o.store;
    this.#everyRecords = o.snapshotEveryRecords ?? 1_000_000;
    this.#everyBytes = o.snapshotEveryBytes ?? 1024 * 1024 * 1024;
    this.#chunkBytes = o.snapshotChunkBytes ?? 1024 * 1024;
    this.#partBytes = o.statePartBytes ?? STATE_PART_BYTES;
    this.#onSnapshotError = o.onSnapshotError ?? ((e) => console.error('room-data snapshot failed:', e));
  }

  /**
   * Opens the journal and replays snapshot and records into the (empty) store, in order, so StateIds come
   * out as they were. Throws JournalCorruptError (naming file and byte offset) on a record that does not
   * decode or apply; a torn tail is cut and reported in stats.replay.
   */
  static async open(o: JournaledRoomDataOptions): Promise<JournaledRoomData> {
    const store = o.store();
    if (store.size !== 0 || store.stateCount !== 0) throw new Error('JournaledRoomData.open: the store must be empty (replay fills it)');
    const journal = await Journal.open(o.dir, o.journal);
    const rd = new JournaledRoomData(journal, o);
    for (const [kind, h] of Object.entries(o.aux ?? {})) rd.#aux.register(kind, h);
    await rd.#replay();
    return rd;
  }

  get stats(): DurableStats {
    return this.#stats;
  }

  store(): EventStore {
    return this.#store();
  }

  putEvent(e: NewEvent): void {
    const w = this.#begin();
    encodePutEvent(w, e);
    this.#fits(w.length);
    this.#store().put(e);
    this.#append(RecordType.PUT_EVENT_V1, w.view());
  }

  updateEvent(eventId: string, patch: EventUpdate): void {
    const w = this.#begin();
    encodeUpdateEvent(w, eventId, patch);
    this.#fits(w.length);
    this.#store().update(eventId, patch);
    this.#append(RecordType.UPDATE_EVENT_V1, w.view());
  }

  newState(parent: StateId, changes: readonly StateChange[]): StateId {
    const w = this.#begin();
    const s = this.#store();
    const id = s.stateCount + 1; // dense ids: the store must assign exactly this one
    const parts = encodeNewState(w, id, parent, changes, this.#partBytes);
    if (parts === null) this.#fits(w.length);
    const got = s.newState(parent, changes);
    if (got !== id) throw new Error(`store ${s.name} assigned state ${got}, expected ${id}: StateIds must be dense (not journaled)`);
    if (parts === null) this.#append(RecordType.NEW_STATE_V1, w.view());
    else for (const p of parts) this.#append(RecordType.NEW_STATE_V1, p);
    return got;
  }

  room(roomId: string): RoomRecord | undefined {
    return this.#rooms.get(roomId);
  }

  setRoom(r: RoomRecord): void {
    const w = this.#begin();
    encodeSetRoom(w, r);
    this.#fits(w.length);
    this.#rooms.set(r.roomId, r);
    this.#append(RecordType.SET_ROOM_V1, w.view());
  }

  rooms(): IterableIterator<RoomRecord> {
    return this.#rooms.values();
  }

  /**
   * Resolves once every write made so far is durable; rejects if the journal failed (then later writes
   * are in memory only, and the server must stop). Concurrent committers share the journal's group commit.
   * Returns the newest append's batch promise: batches of a segment are written one after another, and a
   * new segment is written only after the previous one was closed, so it settles after every earlier one.
   */
  commit(): Promise<void> {
    return this.#last;
  }

  /** Journals a small JSON record of a registered kind; durable with the next commit(). */
  appendAux(kind: string, value: unknown): void {
    if (!this.#aux.has(kind)) throw new Error(`aux kind ${kind} is not registered (onAux first, so snapshots can keep it)`);
    const w = this.#begin();
    encodeAux(w, kind, value);
    this.#fits(w.length);
    this.#append(RecordType.AUX_V1, w.view());
  }

  /**
   * Registers an aux kind: `replay` gets every value journaled for it (values replayed before this call are
   * delivered now, in order), `snapshot` returns values that rebuild its current state (see aux-registry.ts).
   */
  onAux(kind: string, replay: AuxReplay, snapshot: AuxSnapshot): void {
    this.#aux.register(kind, { replay, snapshot });
  }

  /**
   * Writes a snapshot covering every write made before this call (waiting for a running one first), then
   * the journal deletes the segments it covers. Writers are not blocked: the state is captured at once
   * (counts, the room table, aux values) and streamed out in chunks.
   */
  snapshot(): Promise<SnapshotDone> {
    const running = this.#snapshotting;
    if (running !== null) return running.then(() => this.snapshot(), () => this.snapshot());
    return this.#startSnapshot();
  }

  /** Waits for a running snapshot and pending appends, then closes the journal. */
  async close(): Promise<void> {
    this.#writable = false;
    await this.#journal.close();
  }

  async #replay(): Promise<void> {
    const replay = await replayJournal(this.#journal, { store: this.#store, setRoom: (r) => this.#rooms.set(r.roomId, r), aux: this.#aux });
    this.#stats = {
      replay,
      recordsSinceSnapshot: replay.records,
      bytesSinceSnapshot: replay.bytes,
      snapshots: 0,
      lastSnapshot: null,
      lastSnapshotError: null,
      journal: this.#journal.stats,
    };
    this.#writable = true;
    this.#maybeSnapshot();
  }

  #begin(): ByteWriter {
    if (!this.#writable) throw new Error('JournaledRoomData is not open for writes (replaying or closed)');
    this.#w.reset();
    return this.#w;
  }

  /** Checked before the write is applied, so an unjournalable write changes nothing. */
  #fits(bytes: number): void {
    if (bytes > MAX_PAYLOAD_BYTES) throw new RangeError(`record of ${bytes} bytes exceeds the journal's ${MAX_PAYLOAD_BYTES}`);
  }

  #append(type: RecordType, payload: Uint8Array): void {
    const p = this.#journal.append(type, payload);
    if (p !== this.#last) {
      this.#last = p;
      p.catch(noop); // surfaced by commit(); one handler per batch, not per append
    }
    const s = this.#stats;
    s.recordsSinceSnapshot++;
    s.bytesSinceSnapshot += payload.length;
    if (s.recordsSinceSnapshot >= this.#everyRecords || s.bytesSinceSnapshot >= this.#everyBytes) this.#maybeSnapshot();
  }

  /** Starts an automatic snapshot on the next turn if a threshold is passed (never inside a caller's write). */
  #maybeSnapshot(): void {
    const s = this.#stats;
    if (s.recordsSinceSnapshot < this.#everyRecords && s.bytesSinceSnapshot < this.#everyBytes) return;
    if (this.#snapshotting !== null || this.#autoScheduled) return;
    this.#autoScheduled = true;
    setImmediate(() => {
      this.#autoScheduled = false;
      if (!this.#writable || this.#snapshotting !== null) return;
      this.#startSnapshot().catch(this.#onSnapshotError);
    });
  }

  #startSnapshot(): Promise<SnapshotDone> {
    const t0 = performance.now();
    const stats = this.#stats;
    stats.recordsSinceSnapshot = 0;
    stats.bytesSinceSnapshot = 0;
    let counts: SnapshotCounts | null = null;
    // The journal calls this synchronously: the capture covers exactly the appends issued so far.
    const run = this.#journal
      .snapshot((sink) => writeSnapshotBody(sink, this.#capture(), this.#chunkBytes).then((c) => void (counts = c)))
      .then(
        (info): SnapshotDone => {
          const done = { ...counts!, seq: info.seq, file: info.file, bytes: info.bytes, ms: performance.now() - t0 };
          stats.snapshots++;
          stats.lastSnapshot = done;
          stats.lastSnapshotError = null;
          return done;
        },
        (e: unknown) => {
          stats.lastSnapshotError = (e as Error).message;
          throw e;
        },
      );
    this.#snapshotting = run;
    const clear = (): void => {
      if (this.#snapshotting === run) this.#snapshotting = null;
    };
    run.then(clear, clear);
    return run;
  }

  #capture(): SnapshotCapture {
    const store = this.#store();
    return {
      store,
      states: store.stateCount,
      events: store.size,
      rooms: Array.from(this.#rooms.values()),
      aux: this.#aux.capture(),
      stillCurrent: () => this.#store() === store,
    };
  }
}
