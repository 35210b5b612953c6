// A deliberately trivial store for the conformance suite's model test: every state a full Map copy,
// events as plain copies in an array. Obviously correct and hopelessly wasteful; never a plugin.
import type { EventStore, EventUpdate, NewEvent, StateChange, StateId, StoredEvent } from '../../core/slots/store.ts';

type Entry = readonly [type: string, stateKey: string, eventId: string];

export class ReferenceStore implements EventStore {
  readonly name = 'reference';
  readonly #events: StoredEvent[] = [];
  readonly #byId = new Map<string, number>();
  readonly #states: Map<string, Entry>[] = [new Map()];
  readonly #defs: { parent: StateId; changes: StateChange[] }[] = [{ parent: 0, changes: [] }];

  get size(): number {
    return this.#events.length;
  }
  put(e: NewEvent): void {
    if (this.#byId.has(e.eventId)) throw new Error('duplicate');
    this.#byId.set(e.eventId, this.#events.length);
    this.#events.push(copyEvent({ ...e, seq: this.#events.length }));
  }
  has(eventId: string): boolean {
    return this.#byId.has(eventId);
  }
  get(eventId: string): StoredEvent | undefined {
    const i = this.#byId.get(eventId);
    return i === undefined ? undefined : copyEvent(this.#events[i]!);
  }
  bytes(eventId: string): Uint8Array | undefined {
    return this.get(eventId)?.bytes;
  }
  update(eventId: string, patch: EventUpdate): void {
    const i = this.#byId.get(eventId)!;
    const old = this.#events[i]!;
    this.#events[i] = copyEvent({
      ...old,
      status: patch.status ?? old.status,
      reason: patch.reason === undefined ? old.reason : patch.reason,
      stateBefore: patch.stateBefore ?? old.stateBefore,
      bytes: patch.bytes ?? old.bytes,
    });
  }
  events(): IterableIterator<StoredEvent> {
    return this.#events.map(copyEvent).values();
  }
  roomEvents(roomId: string, from = 0): IterableIterator<StoredEvent> {
    return this.#events.filter((e) => e.roomId === roomId).slice(from).map(copyEvent).values();
  }
  roomEventCount(roomId: string): number {
    return this.#events.filter((e) => e.roomId === roomId).length;
  }
  newState(parent: StateId, changes: readonly StateChange[]): StateId {
    const map = new Map(this.#states[parent]!);
    for (const [t, k, e] of changes) {
      const key = JSON.stringify([t, k]);
      if (e === null) map.delete(key);
      else map.set(key, [t, k, e]);
    }
    this.#states.push(map);
    this.#defs.push({ parent, changes: changes.map((c) => [...c] as const) });
    return this.#states.length - 1;
  }
  stateGet(state: StateId, type: string, stateKey: string): string | undefined {
    return this.#states[state]!.get(JSON.stringify([type, stateKey]))?.[2];
  }
  stateEntries(state: StateId, type?: string): IterableIterator<Entry> {
    return [...this.#states[state]!.values()].filter((e) => type === undefined || e[0] === type).values();
  }
  stateSize(state: StateId): number {
    return this.#states[state]!.size;
  }
  get stateCount(): number {
    return this.#states.length - 1;
  }
  stateDefinition(state: StateId): { readonly parent: StateId; readonly changes: readonly StateChange[] } {
    return this.#defs[state]!;
  }
  memoryBytes(): number {
    return 0;
  }
}

function copyEvent(e: StoredEvent): StoredEvent {
  return { ...e, prevEvents: [...e.prevEvents], authEvents: [...e.authEvents], bytes: new Uint8Array(e.bytes) };
}
