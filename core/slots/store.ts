// Slot `store`: every event we hold (its canonical bytes and a fixed set of fields) and the room state at each
// event, with structure shared between states. Data-holding: a swap migrates everything into the new one.
import type { Plugin } from './plugin.ts';
import type { Interner } from './interner.ts';

/** How an event ended up after the checks on receipt (server-server-api §Checks performed on receipt of a PDU). */
export const EventStatus = {
  /** Passed every check; part of the room's DAG and timeline. */
  ACCEPTED: 0,
  /** Failed auth against its auth_events or the state before it; kept so it is not fetched again. */
  REJECTED: 1,
  /** Passed, but failed auth against current state: in the DAG, not in the timeline, not sent to clients/peers. */
  SOFT_FAILED: 2,
  /** Known only as an auth or state event; not (yet) placed in the DAG. */
  OUTLIER: 3,
} as const;
export type EventStatus = (typeof EventStatus)[keyof typeof EventStatus];

/** A state is a number: 0 is the empty state; others are assigned densely, in creation order, from 1. */
export type StateId = number;
export const EMPTY_STATE: StateId = 0;

/** One (type, state_key) → event id entry; `eventId` null in a change removes the key. */
export type StateChange = readonly [type: string, stateKey: string, eventId: string | null];

/** What the engine hands the store for a new event. */
export interface NewEvent {
  readonly eventId: string;
  readonly roomId: string;
  readonly type: string;
  /** null for non-state events. */
  readonly stateKey: string | null;
  readonly sender: string;
  readonly depth: number;
  readonly originServerTs: number;
  readonly prevEvents: readonly string[];
  readonly authEvents: readonly string[];
  /** Canonical JSON of the PDU as we serve it (signatures included, no `unsigned`). */
  readonly bytes: Uint8Array;
  readonly status: EventStatus;
  /** Why it was rejected or soft-failed; null otherwise. */
  readonly reason: string | null;
  /** The room state before this event (EMPTY_STATE for outliers until placed). */
  readonly stateBefore: StateId;
}

/** A stored event as read back; implementations may build it on demand (treat it as a snapshot). */
export interface StoredEvent extends NewEvent {
  /** Position in the store's global insertion order (0-based): replay and migration follow it. */
  readonly seq: number;
}

export interface EventUpdate {
  readonly status?: EventStatus;
  readonly reason?: string | null;
  readonly stateBefore?: StateId;
  /** Replacement bytes (an applied redaction keeps the redacted form). */
  readonly bytes?: Uint8Array;
}

/** What a store implementation may use besides itself: the active interner (read it at each use; never cache it). */
export interface StoreContext {
  interner(): Interner;
}

export interface EventStore extends Plugin {
  /** Number of events held. */
  readonly size: number;
  /** Adds an event; throws if the id is already stored (callers check `has` first). */
  put(e: NewEvent): void;
  has(eventId: string): boolean;
  get(eventId: string): StoredEvent | undefined;
  /** The canonical bytes without building a StoredEvent (the fast path for responses). */
  bytes(eventId: string): Uint8Array | undefined;
  update(eventId: string, patch: EventUpdate): void;
  /** Every event in insertion order (migration, snapshots). */
  events(): IterableIterator<StoredEvent>;
  /** Events of one room in insertion order, from `from` (default 0). */
  roomEvents(roomId: string, from?: number): IterableIterator<StoredEvent>;
  roomEventCount(roomId: string): number;

  /**
   * Creates a state: `parent` with `changes` applied (later changes win). Returns the next dense id.
   * The implementation chooses how to share structure; `stateDefinition` must give back exactly what was passed.
   */
  newState(parent: StateId, changes: readonly StateChange[]): StateId;
  stateGet(state: StateId, type: string, stateKey: string): string | undefined;
  /** Every entry of a state (optionally only one event type), in no particular order. */
  stateEntries(state: StateId, type?: string): IterableIterator<readonly [type: string, stateKey: string, eventId: string]>;
  stateSize(state: StateId): number;
  /** Number of states created (= the last StateId). */
  readonly stateCount: number;
  stateDefinition(state: StateId): { readonly parent: StateId; readonly changes: readonly StateChange[] };

  /** Approximate bytes held, by the implementation's own accounting (the lab reports it beside RSS). */
  memoryBytes(): number;
}

/**
 * Copies everything from one store into another preserving event order and StateIds: the migration a live
 * swap runs (synchronously, so no request observes a half-filled store).
 */
export function migrateStore(from: EventStore, to: EventStore): void {
  if (to.size !== 0 || to.stateCount !== 0) throw new Error('migrateStore: the target store is not empty');
  for (let s = 1; s <= from.stateCount; s++) {
    const d = from.stateDefinition(s);
    const got = to.newState(d.parent, d.changes);
    if (got !== s) throw new Error(`migrateStore: state ${s} came back as ${got}`);
  }
  for (const e of from.events()) {
    const { seq: _seq, ...rest } = e;
    to.put(rest);
  }
  if (to.size !== from.size) throw new Error(`migrateStore: ${to.size} events after migration, expected ${from.size}`);
}
