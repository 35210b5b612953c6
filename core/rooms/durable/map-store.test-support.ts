// TEST SUPPORT ONLY: a small EventStore on Maps (every state fully materialised), for the durable tests and
// the replay measurement until the real stores (plugins/store/) exist. Not a plugin; not for the server.
import {
  EMPTY_STATE,
  type EventStore,
  type EventUpdate,
  type NewEvent,
  type StateChange,
  type StateId,
  type StoredEvent,
} from '../../slots/store.ts';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type Entry = readonly [type: string, stateKey: string, eventId: string];

interface State {
  parent: StateId;
  changes: readonly StateChange[];
  entries: Map<string, Entry>;
}

const key = (type: string, stateKey: string): string => `${type}\u0000${stateKey}`;

export class MapStore implements EventStore {
  readonly name = 'test-map-store';
  readonly #events = new Map<string, Mutable<StoredEvent>>();
  readonly #byRoom = new Map<string, Mutable<StoredEvent>[]>();
  readonly #states: State[] = [{ parent: EMPTY_STATE, changes: [], entries: new Map() }];

  get size(): number {
    return this.#events.size;
  }

  get stateCount(): number {
    return this.#states.length - 1;
  }

  put(e: NewEvent): void {
    if (this.#events.has(e.eventId)) throw new Error(`event ${e.eventId} is already stored`);
    const stored: Mutable<StoredEvent> = { ...e, prevEvents: [...e.prevEvents], authEvents: [...e.authEvents], seq: this.#events.size };
    this.#events.set(e.eventId, stored);
    let list = this.#byRoom.get(e.roomId);
    if (list === undefined) this.#byRoom.set(e.roomId, (list = []));
    list.push(stored);
  }

  has(eventId: string): boolean {
    return this.#events.has(eventId);
  }

  get(eventId: string): StoredEvent | undefined {
    const e = this.#events.get(eventId);
    return e === undefined ? undefined : { ...e };
  }

  bytes(eventId: string): Uint8Array | undefined {
    return this.#events.get(eventId)?.bytes;
  }

  update(eventId: string, patch: EventUpdate): void {
    const e = this.#events.get(eventId);
    if (e === undefined) throw new Error(`update of unknown event ${eventId}`);
    if (patch.status !== undefined) e.status = patch.status;
    if (patch.reason !== undefined) e.reason = patch.reason;
    if (patch.stateBefore !== undefined) e.stateBefore = patch.stateBefore;
    if (patch.bytes !== undefined) e.bytes = patch.bytes;
  }

  *events(): IterableIterator<StoredEvent> {
    for (const e of this.#events.values()) yield { ...e };
  }

  *roomEvents(roomId: string, from = 0): IterableIterator<StoredEvent> {
    const list = this.#byRoom.get(roomId) ?? [];
    for (let i = from; i < list.length; i++) yield { ...list[i]! };
  }

  roomEventCount(roomId: string): number {
    return this.#byRoom.get(roomId)?.length ?? 0;
  }

  newState(parent: StateId, changes: readonly StateChange[]): StateId {
    const base = this.#states[parent];
    if (base === undefined) throw new Error(`newState: unknown parent state ${parent}`);
    const entries = new Map(base.entries);
    for (const [type, stateKey, eventId] of changes) {
      if (eventId === null) entries.delete(key(type, stateKey));
      else entries.set(key(type, stateKey), [type, stateKey, eventId]);
    }
    this.#states.push({ parent, changes: changes.map((c) => [...c] as const), entries });
    return this.#states.length - 1;
  }

  stateGet(state: StateId, type: string, stateKey: string): string | undefined {
    return this.#state(state).entries.get(key(type, stateKey))?.[2];
  }

  *stateEntries(state: StateId, type?: string): IterableIterator<Entry> {
    for (const e of this.#state(state).entries.values()) if (type === undefined || e[0] === type) yield e;
  }

  stateSize(state: StateId): number {
    return this.#state(state).entries.size;
  }

  stateDefinition(state: StateId): { readonly parent: StateId; readonly changes: readonly StateChange[] } {
    const s = this.#state(state);
    return { parent: s.parent, changes: s.changes };
  }

  memoryBytes(): number {
    let n = 0;
    for (const e of this.#events.values()) n += e.bytes.length + 200;
    for (const s of this.#states) n += s.entries.size * 64;
    return n;
  }

  #state(id: StateId): State {
    const s = this.#states[id];
    if (s === undefined) throw new RangeError(`unknown state ${id}`);
    return s;
  }
}
