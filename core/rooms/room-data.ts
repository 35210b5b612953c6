// The engine's view of its data: the `store` slot for events and states, a small room table, and one commit
// point. Every write goes through here so that a durable implementation can journal it; reads go straight to
// the store. Two implementations: in-memory (tests, benchmarks) and journaled (the server).
import type { EventStore, EventUpdate, NewEvent, StateChange, StateId } from '../slots/store.ts';

export interface RoomRecord {
  readonly roomId: string;
  readonly version: string;
  readonly createEventId: string;
  /** The resolved state after the forward extremities. */
  readonly currentState: StateId;
  /** Accepted events with no accepted children yet (at most a few; prev_events of the next local event). */
  readonly extremities: readonly string[];
  /** Highest depth seen in the room (for new local events). */
  readonly maxDepth: number;
}

export interface RoomData {
  /** Read access; writes must use the methods below. Read it at each use: a swap replaces it. */
  store(): EventStore;
  putEvent(e: NewEvent): void;
  updateEvent(eventId: string, patch: EventUpdate): void;
  newState(parent: StateId, changes: readonly StateChange[]): StateId;
  room(roomId: string): RoomRecord | undefined;
  setRoom(r: RoomRecord): void;
  rooms(): IterableIterator<RoomRecord>;
  /** Resolves once every write made so far is durable (a no-op in memory). Acknowledge only after it. */
  commit(): Promise<void>;
}

/** RoomData without durability, over whatever store `store()` returns. */
export class MemoryRoomData implements RoomData {
  readonly #store: () => EventStore;
  readonly #rooms = new Map<string, RoomRecord>();
  constructor(store: () => EventStore) {
    this.#store = store;
  }
  store(): EventStore {
    return this.#store();
  }
  putEvent(e: NewEvent): void {
    this.#store().put(e);
  }
  updateEvent(eventId: string, patch: EventUpdate): void {
    this.#store().update(eventId, patch);
  }
  newState(parent: StateId, changes: readonly StateChange[]): StateId {
    return this.#store().newState(parent, changes);
  }
  room(roomId: string): RoomRecord | undefined {
    return this.#rooms.get(roomId);
  }
  setRoom(r: RoomRecord): void {
    this.#rooms.set(r.roomId, r);
  }
  rooms(): IterableIterator<RoomRecord> {
    return this.#rooms.values();
  }
  commit(): Promise<void> {
    return Promise.resolve();
  }
}
