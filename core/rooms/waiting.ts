// Events parked until others arrive: outliers waiting for their prev or auth events, and rejected events whose
// prev events were unknown (their state is needed by children). In memory; rebuilt from the store on first use.
import type { EventStore, StoredEvent } from '../slots/store.ts';
import { awaitingAuth, isPlaced } from './outcome.ts';

export class Waiting {
  /** Missing event id → the stored events waiting for it. */
  readonly #waiters = new Map<string, Set<string>>();
  readonly #ready: string[] = [];

  /** `waiter` is re-examined when any of `missing` is written. */
  park(waiter: string, missing: readonly string[]): void {
    for (const id of missing) {
      let set = this.#waiters.get(id);
      if (set === undefined) this.#waiters.set(id, (set = new Set()));
      set.add(waiter);
    }
  }

  /** `id` was written: its waiters become ready (forgotten here: they park again if still stuck). */
  wake(id: string): void {
    const set = this.#waiters.get(id);
    if (set === undefined) return;
    this.#waiters.delete(id);
    for (const w of set) this.#ready.push(w);
  }

  /** Re-examine `id` at the next drain (e.g. it was received again). */
  retry(id: string): void {
    this.#ready.push(id);
  }

  /** The next ready event to re-examine, or undefined. */
  next(): string | undefined {
    return this.#ready.shift();
  }

  get size(): number {
    return this.#waiters.size;
  }

  /**
   * After a restart the index is empty: park a stored event, if it is not placed, on its prev and auth events that
   * are not placed yet. Called for every stored event once per engine, before the first receipt (restore.ts).
   */
  restore(e: StoredEvent, store: EventStore): void {
    if (isPlaced(e)) return;
    const missing: string[] = [];
    for (const id of e.prevEvents) {
      const p = store.get(id);
      if (p === undefined || !isPlaced(p)) missing.push(id);
    }
    for (const id of e.authEvents) {
      const a = store.get(id);
      if (a === undefined || awaitingAuth(a)) missing.push(id);
    }
    this.park(e.eventId, missing);
  }
}
