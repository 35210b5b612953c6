// Store `arena`: the memory-lean layout. Canonical bytes packed into large slabs, one fixed-width 64-byte
// record per event in typed-array pages, every string interned, states in a persistent trie of ints.
import type { Interner } from '../../core/slots/interner.ts';
import type { PluginContext } from '../../core/slots/plugin.ts';
import type {
  EventStatus, EventStore, EventUpdate, NewEvent, StateChange, StateId, StoredEvent,
} from '../../core/slots/store.ts';
import { ArenaStates } from './_arena-states.ts';
import { checkState, checkStatus, duplicateEvent, unknownEvent } from './_checks.ts';
import { growInt32 } from './_grow.ts';
import { privateInterner } from './_private-interner.ts';
import { ByteSlabs } from './_slabs.ts';

/** A record: 12 int32 fields, then depth and origin_server_ts as float64 (16 int32 slots = 64 bytes). */
const F = { EVENT: 0, ROOM: 1, TYPE: 2, STATE_KEY: 3, SENDER: 4, STATE_BEFORE: 5, SLAB: 6, OFFSET: 7, LENGTH: 8, EDGES: 9, COUNTS: 10, STATUS: 11 } as const;
const STRIDE = 16;
const DEPTH = 6; // float64 index within a record (int32 slots 12–13)
const TS = 7; // float64 index (int32 slots 14–15)
/** Records live in pages of 2^14 (1 MiB); page 0 starts small and doubles until full size. */
const PAGE_BITS = 14;
const PAGE_RECORDS = 1 << PAGE_BITS;
const PAGE_MASK = PAGE_RECORDS - 1;
const FIRST_PAGE_RECORDS = 256;
/** prev_events and auth_events counts share one int32 field (the spec caps them at 20 and 10). */
const MAX_EDGES = 0xffff;

interface RoomList {
  recs: Int32Array<ArrayBuffer>;
  n: number;
}

/**
 * Every string (event ids, room, type, state_key, sender, prev/auth ids) is an interned id, read at each use
 * from `ctx.interner()` (ids survive an interner swap), or from a private interner without a context.
 * The index from interned event id to record is a direct-mapped Int32Array (record + 1, 0 = none) indexed
 * by interned id: ids are dense, so it costs 4 bytes per interned string and lookup is one array read.
 *
 * Trades away: `get` builds a StoredEvent (and its prev/auth arrays) on every call, and every string read
 * back goes through the interner; `bytes` returns a view into a shared slab (callers must not write to it:
 * it would change the stored event for everyone). Redacted-over bytes stay dead in their slab (no compaction).
 * The interner's memory is shared and not counted in `memoryBytes`. What it buys: ~100 bytes of overhead
 * per event instead of several hundred, one cache line per record, almost nothing for the GC to trace,
 * and each event id held once however many children reference it.
 */
class ArenaStore implements EventStore {
  readonly name = 'arena';
  readonly #interner: () => Interner;
  readonly #states: ArenaStates;
  readonly #slabs = new ByteSlabs();
  readonly #ints: Int32Array[] = [];
  readonly #floats: Float64Array[] = [];
  #capacity = 0;
  #size = 0;
  #index = new Int32Array(1024);
  #edges = new Int32Array(1024);
  #edgeTop = 0;
  readonly #rooms = new Map<number, RoomList>();
  /** Reasons are rare (rejected and soft-failed events only): kept by record. */
  readonly #reasons = new Map<number, string>();

  constructor(ctx?: PluginContext) {
    const own = ctx === undefined ? privateInterner() : undefined;
    this.#interner = own === undefined ? () => ctx!.interner() : () => own;
    this.#states = new ArenaStates(this.#interner);
  }

  get size(): number {
    return this.#size;
  }

  put(e: NewEvent): void {
    const it = this.#interner();
    const id = it.intern(e.eventId);
    if (this.#index[id]) throw duplicateEvent(e.eventId);
    checkStatus(e.status);
    checkState(e.stateBefore, this.#states.count, 'stateBefore');
    const nPrev = e.prevEvents.length;
    const nAuth = e.authEvents.length;
    if (nPrev > MAX_EDGES || nAuth > MAX_EDGES) throw new RangeError(`store: more than ${MAX_EDGES} prev or auth events`);
    const r = this.#size;
    if (r === this.#capacity) this.#addCapacity();
    const ints = this.#ints[r >>> PAGE_BITS]!;
    const i = (r & PAGE_MASK) * STRIDE;
    const edges = (this.#edges = growInt32(this.#edges, this.#edgeTop + nPrev + nAuth));
    ints[i + F.EDGES] = this.#edgeTop;
    for (let j = 0; j < nPrev; j++) edges[this.#edgeTop++] = it.intern(e.prevEvents[j]!);
    for (let j = 0; j < nAuth; j++) edges[this.#edgeTop++] = it.intern(e.authEvents[j]!);
    ints[i + F.COUNTS] = nPrev | (nAuth << 16);
    const room = it.intern(e.roomId);
    ints[i + F.EVENT] = id;
    ints[i + F.ROOM] = room;
    ints[i + F.TYPE] = it.intern(e.type);
    ints[i + F.STATE_KEY] = e.stateKey === null ? -1 : it.intern(e.stateKey);
    ints[i + F.SENDER] = it.intern(e.sender);
    ints[i + F.STATE_BEFORE] = e.stateBefore;
    ints[i + F.STATUS] = e.status;
    this.#setBytes(ints, i, e.bytes);
    const floats = this.#floats[r >>> PAGE_BITS]!;
    floats[(r & PAGE_MASK) * (STRIDE / 2) + DEPTH] = e.depth;
    floats[(r & PAGE_MASK) * (STRIDE / 2) + TS] = e.originServerTs;
    if (e.reason !== null) this.#reasons.set(r, e.reason);
    this.#index = growInt32(this.#index, it.size);
    this.#index[id] = r + 1;
    let list = this.#rooms.get(room);
    if (list === undefined) this.#rooms.set(room, (list = { recs: new Int32Array(16), n: 0 }));
    list.recs = growInt32(list.recs, list.n + 1);
    list.recs[list.n++] = r;
    this.#size = r + 1;
  }

  has(eventId: string): boolean {
    return this.#find(eventId) >= 0;
  }

  get(eventId: string): StoredEvent | undefined {
    const r = this.#find(eventId);
    return r < 0 ? undefined : this.#build(r, this.#interner());
  }

  bytes(eventId: string): Uint8Array | undefined {
    const r = this.#find(eventId);
    if (r < 0) return undefined;
    const ints = this.#ints[r >>> PAGE_BITS]!;
    const i = (r & PAGE_MASK) * STRIDE;
    return this.#slabs.view(ints[i + F.SLAB]!, ints[i + F.OFFSET]!, ints[i + F.LENGTH]!);
  }

  update(eventId: string, patch: EventUpdate): void {
    const r = this.#find(eventId);
    if (r < 0) throw unknownEvent(eventId);
    if (patch.status !== undefined) checkStatus(patch.status);
    if (patch.stateBefore !== undefined) checkState(patch.stateBefore, this.#states.count, 'stateBefore');
    const ints = this.#ints[r >>> PAGE_BITS]!;
    const i = (r & PAGE_MASK) * STRIDE;
    if (patch.status !== undefined) ints[i + F.STATUS] = patch.status;
    if (patch.stateBefore !== undefined) ints[i + F.STATE_BEFORE] = patch.stateBefore;
    if (patch.reason === null) this.#reasons.delete(r);
    else if (patch.reason !== undefined) this.#reasons.set(r, patch.reason);
    if (patch.bytes !== undefined) {
      this.#slabs.release(ints[i + F.LENGTH]!);
      this.#setBytes(ints, i, patch.bytes);
    }
  }

  *events(): IterableIterator<StoredEvent> {
    for (let r = 0; r < this.#size; r++) yield this.#build(r, this.#interner());
  }

  *roomEvents(roomId: string, from = 0): IterableIterator<StoredEvent> {
    const list = this.#rooms.get(this.#interner().find(roomId));
    if (list === undefined) return;
    for (let j = Math.max(0, from); j < list.n; j++) yield this.#build(list.recs[j]!, this.#interner());
  }

  roomEventCount(roomId: string): number {
    return this.#rooms.get(this.#interner().find(roomId))?.n ?? 0;
  }

  newState(parent: StateId, changes: readonly StateChange[]): StateId {
    return this.#states.create(parent, changes);
  }

  stateGet(state: StateId, type: string, stateKey: string): string | undefined {
    return this.#states.get(state, type, stateKey);
  }

  stateEntries(state: StateId, type?: string): IterableIterator<readonly [type: string, stateKey: string, eventId: string]> {
    return this.#states.entries(state, type);
  }

  stateSize(state: StateId): number {
    return this.#states.size(state);
  }

  get stateCount(): number {
    return this.#states.count;
  }

  stateDefinition(state: StateId): { readonly parent: StateId; readonly changes: readonly StateChange[] } {
    return this.#states.definition(state);
  }

  /** Pages, slabs (allocated, dead bytes included), edges, index, room lists, reasons, states; not the interner. */
  memoryBytes(): number {
    let rooms = 0;
    for (const l of this.#rooms.values()) rooms += 64 + l.recs.byteLength;
    let reasons = 0;
    for (const s of this.#reasons.values()) reasons += 48 + 2 * s.length;
    const pages = this.#ints.reduce((n, p) => n + p.byteLength, 0);
    return pages + this.#slabs.allocatedBytes + this.#edges.byteLength + this.#index.byteLength + rooms + reasons + this.#states.memoryBytes();
  }

  /** The record of `eventId`, or -1 (never interns: unknown ids must not grow the interner). */
  #find(eventId: string): number {
    const id = this.#interner().find(eventId);
    return id < 0 || id >= this.#index.length ? -1 : this.#index[id]! - 1;
  }

  #setBytes(ints: Int32Array, i: number, bytes: Uint8Array): void {
    this.#slabs.append(bytes);
    ints[i + F.SLAB] = this.#slabs.slab;
    ints[i + F.OFFSET] = this.#slabs.offset;
    ints[i + F.LENGTH] = bytes.length;
  }

  #build(r: number, it: Interner): StoredEvent {
    const ints = this.#ints[r >>> PAGE_BITS]!;
    const floats = this.#floats[r >>> PAGE_BITS]!;
    const i = (r & PAGE_MASK) * STRIDE;
    const f = (r & PAGE_MASK) * (STRIDE / 2);
    const counts = ints[i + F.COUNTS]!;
    const nPrev = counts & 0xffff;
    const nAuth = counts >>> 16;
    let e = ints[i + F.EDGES]!;
    const prevEvents = new Array<string>(nPrev);
    for (let j = 0; j < nPrev; j++) prevEvents[j] = it.lookup(this.#edges[e++]!);
    const authEvents = new Array<string>(nAuth);
    for (let j = 0; j < nAuth; j++) authEvents[j] = it.lookup(this.#edges[e++]!);
    const stateKey = ints[i + F.STATE_KEY]!;
    return {
      eventId: it.lookup(ints[i + F.EVENT]!),
      roomId: it.lookup(ints[i + F.ROOM]!),
      type: it.lookup(ints[i + F.TYPE]!),
      stateKey: stateKey < 0 ? null : it.lookup(stateKey),
      sender: it.lookup(ints[i + F.SENDER]!),
      depth: floats[f + DEPTH]!,
      originServerTs: floats[f + TS]!,
      prevEvents,
      authEvents,
      bytes: this.#slabs.view(ints[i + F.SLAB]!, ints[i + F.OFFSET]!, ints[i + F.LENGTH]!),
      status: ints[i + F.STATUS]! as EventStatus,
      reason: this.#reasons.get(r) ?? null,
      stateBefore: ints[i + F.STATE_BEFORE]!,
      seq: r,
    };
  }

  /** Room for one more record: page 0 doubles up to full size, then whole pages are added. */
  #addCapacity(): void {
    const first = this.#ints.length === 0;
    if (first || this.#capacity < PAGE_RECORDS) {
      const records = first ? FIRST_PAGE_RECORDS : this.#capacity * 2;
      const buf = new ArrayBuffer(records * STRIDE * 4);
      const ints = new Int32Array(buf);
      if (!first) ints.set(this.#ints[0]!);
      this.#ints[0] = ints;
      this.#floats[0] = new Float64Array(buf);
      this.#capacity = records;
      return;
    }
    const buf = new ArrayBuffer(PAGE_RECORDS * STRIDE * 4);
    this.#ints.push(new Int32Array(buf));
    this.#floats.push(new Float64Array(buf));
    this.#capacity += PAGE_RECORDS;
  }
}

export default function arenaStore(ctx?: PluginContext): EventStore {
  return new ArenaStore(ctx);
}
