// Store `objects`: the plain layout. One immutable JS object per event in a Map keyed by event id, a copied
// Uint8Array (a copy) per event, per-room arrays of event ids, and states as Map deltas with periodic snapshots.
import type { PluginContext } from '../../core/slots/plugin.ts';
import type {
  EventStatus, EventStore, EventUpdate, NewEvent, StateChange, StateId, StoredEvent,
} from '../../core/slots/store.ts';
import { checkState, checkStatus, duplicateEvent, unknownEvent } from './_checks.ts';
import { ObjectStates } from './_object-states.ts';

/** An event as held: immutable, so `get` can hand it out as its snapshot; `update` replaces it. */
class Rec implements StoredEvent {
  readonly eventId: string;
  readonly roomId: string;
  readonly type: string;
  readonly stateKey: string | null;
  readonly sender: string;
  readonly depth: number;
  readonly originServerTs: number;
  readonly prevEvents: readonly string[];
  readonly authEvents: readonly string[];
  readonly bytes: Uint8Array;
  readonly status: EventStatus;
  readonly reason: string | null;
  readonly stateBefore: StateId;
  readonly seq: number;
  constructor(e: NewEvent, seq: number, prevEvents: readonly string[], authEvents: readonly string[], bytes: Uint8Array) {
    this.eventId = e.eventId;
    this.roomId = e.roomId;
    this.type = e.type;
    this.stateKey = e.stateKey;
    this.sender = e.sender;
    this.depth = e.depth;
    this.originServerTs = e.originServerTs;
    this.prevEvents = prevEvents;
    this.authEvents = authEvents;
    this.bytes = bytes;
    this.status = e.status;
    this.reason = e.reason;
    this.stateBefore = e.stateBefore;
    this.seq = seq;
  }
}

/**
 * Trades away: memory. Each event costs a record object (~150 B), its own ArrayBuffer + Uint8Array
 * (~200 B of heap and allocator overhead on top of the bytes), and every string and prev/auth array as
 * given (a parsed PDU's strings are fresh copies: the same event id is held once as a key and again in
 * each child's prev_events). Everything is a tagged pointer the GC traces. What it buys: the simplest
 * code, `get` without building anything, and V8's string hashes for lookups.
 * `get` returns the held record and `bytes` the held array: callers must not mutate them.
 */
class ObjectStore implements EventStore {
  readonly name = 'objects';
  /** Insertion order is the Map's order (`set` on an existing key keeps its place). */
  readonly #events = new Map<string, Rec>();
  readonly #rooms = new Map<string, string[]>();
  readonly #states = new ObjectStates();
  #bytesHeld = 0;
  /** Estimated heap bytes of the records, their strings and arrays (see `estimate`). */
  #objectBytes = 0;

  get size(): number {
    return this.#events.size;
  }

  put(e: NewEvent): void {
    if (this.#events.has(e.eventId)) throw duplicateEvent(e.eventId);
    checkStatus(e.status);
    checkState(e.stateBefore, this.#states.count, 'stateBefore');
    const rec = new Rec(e, this.#events.size, [...e.prevEvents], [...e.authEvents], new Uint8Array(e.bytes));
    this.#events.set(e.eventId, rec);
    let room = this.#rooms.get(e.roomId);
    if (room === undefined) this.#rooms.set(e.roomId, (room = []));
    room.push(e.eventId);
    this.#bytesHeld += rec.bytes.length;
    this.#objectBytes += estimate(e);
  }

  has(eventId: string): boolean {
    return this.#events.has(eventId);
  }

  get(eventId: string): StoredEvent | undefined {
    return this.#events.get(eventId);
  }

  bytes(eventId: string): Uint8Array | undefined {
    return this.#events.get(eventId)?.bytes;
  }

  update(eventId: string, patch: EventUpdate): void {
    const old = this.#events.get(eventId);
    if (old === undefined) throw unknownEvent(eventId);
    if (patch.status !== undefined) checkStatus(patch.status);
    if (patch.stateBefore !== undefined) checkState(patch.stateBefore, this.#states.count, 'stateBefore');
    const bytes = patch.bytes === undefined ? old.bytes : new Uint8Array(patch.bytes);
    const next: NewEvent = {
      ...old,
      status: patch.status ?? old.status,
      reason: patch.reason === undefined ? old.reason : patch.reason,
      stateBefore: patch.stateBefore ?? old.stateBefore,
    };
    this.#events.set(eventId, new Rec(next, old.seq, old.prevEvents, old.authEvents, bytes));
    this.#bytesHeld += bytes.length - old.bytes.length;
  }

  events(): IterableIterator<StoredEvent> {
    return this.#events.values();
  }

  *roomEvents(roomId: string, from = 0): IterableIterator<StoredEvent> {
    const ids = this.#rooms.get(roomId);
    if (ids === undefined) return;
    for (let i = Math.max(0, from); i < ids.length; i++) yield this.#events.get(ids[i]!)!;
  }

  roomEventCount(roomId: string): number {
    return this.#rooms.get(roomId)?.length ?? 0;
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

  /** The bytes, an estimate of the objects around them (see `estimate`), and the states. */
  memoryBytes(): number {
    return this.#bytesHeld + this.#objectBytes + this.#states.memoryBytes();
  }
}

/**
 * Heap bytes of one event besides its payload, from V8's layouts (64-bit, no pointer compression): the
 * record (~150), its Map entry (~40), a room-list slot (~10), two arrays (~40 each + 8 per element),
 * the ArrayBuffer and Uint8Array objects (~150), ~24 + length per string (as given: not shared).
 * Calibrated against bench/memory/store-memory.ts (within ~5% for message events).
 */
function estimate(e: NewEvent): number {
  let strings = 5 * 24 + e.eventId.length + e.roomId.length + e.type.length + e.sender.length + (e.stateKey?.length ?? 0);
  for (const id of e.prevEvents) strings += 32 + id.length;
  for (const id of e.authEvents) strings += 32 + id.length;
  return 150 + 40 + 10 + 80 + 150 + strings;
}

export default function objectStore(_ctx?: PluginContext): EventStore {
  return new ObjectStore();
}
