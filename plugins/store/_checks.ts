// Argument checks both store implementations share, so they reject the same misuse with the same errors.
import { EventStatus, type StateChange, type StateId } from '../../core/slots/store.ts';

const STATUSES: ReadonlySet<number> = new Set(Object.values(EventStatus));

/** Throws a RangeError unless `status` is one of EventStatus. */
export function checkStatus(status: number): void {
  if (!STATUSES.has(status)) throw new RangeError(`store: unknown event status ${status}`);
}

/** Throws a RangeError unless `state` is 0 (empty) or an id already handed out (1..count). */
export function checkState(state: StateId, count: number, what = 'state'): void {
  if (!Number.isInteger(state) || state < 0 || state > count) {
    throw new RangeError(`store: ${what} ${state} does not exist (states: 0..${count})`);
  }
}

/** The error `put` throws for an id already stored (callers check `has` first). */
export function duplicateEvent(eventId: string): Error {
  return new Error(`store: event ${eventId} is already stored`);
}

/** The error `update` throws for an id never stored. */
export function unknownEvent(eventId: string): Error {
  return new Error(`store: no event ${eventId} to update`);
}

/** Throws a TypeError unless `c` is [string, string, string | null]. */
export function checkChange(c: StateChange): void {
  if (typeof c[0] !== 'string' || typeof c[1] !== 'string' || (c[2] !== null && typeof c[2] !== 'string')) {
    throw new TypeError(`store: a state change is [type, state_key, event id | null], got ${JSON.stringify(c)}`);
  }
}

/** Throws a RangeError for 0 (the empty state has no definition) or an unknown state. */
export function checkDefined(state: StateId, count: number): void {
  if (state === 0) throw new RangeError('store: the empty state (0) has no definition');
  checkState(state, count);
}
