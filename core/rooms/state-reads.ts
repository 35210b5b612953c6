// Reading room state and events: the state before/after an event and the current state as (type, state_key,
// event id) entries or stored events, and one event with its status (for the admin API and /state, /event).
import type { Pdu } from '../matrix/pdu.ts';
import type { StateId, StoredEvent } from '../slots/store.ts';
import { notFound } from '../matrix/errors.ts';
import type { EngineContext } from './engine-context.ts';
import { isPlaced } from './outcome.ts';
import { stateAfter } from './state-at.ts';

export type StateEntry = readonly [type: string, stateKey: string, eventId: string];

/** The StateId before (default) or after a placed event; 404 when unknown, outliers have no state. */
export function stateIdAt(ctx: EngineContext, eventId: string, when: 'before' | 'after' = 'before'): StateId {
  const e = ctx.store().get(eventId);
  if (e === undefined) throw notFound(`unknown event ${eventId}`);
  if (!isPlaced(e)) throw notFound(`event ${eventId} is an outlier: its state is not known`);
  return when === 'before' ? e.stateBefore : stateAfter(ctx, e);
}

export function stateEntries(ctx: EngineContext, state: StateId): StateEntry[] {
  return [...ctx.store().stateEntries(state)];
}

/** The stored events of a state (state events are never rejected, so each is there). */
export function stateEvents(ctx: EngineContext, state: StateId): StoredEvent[] {
  const store = ctx.store();
  const out: StoredEvent[] = [];
  for (const [, , id] of store.stateEntries(state)) {
    const e = store.get(id);
    if (e !== undefined) out.push(e);
  }
  return out;
}

export function currentStateId(ctx: EngineContext, roomId: string): StateId {
  return ctx.room(roomId).currentState;
}

export interface EventView {
  readonly stored: StoredEvent;
  /** Parsed from the stored bytes (the redacted form once a redaction was applied). */
  readonly pdu: Pdu;
}

export function eventView(ctx: EngineContext, eventId: string): EventView | undefined {
  const stored = ctx.store().get(eventId);
  if (stored === undefined) return undefined;
  return { stored, pdu: ctx.event(eventId)!.pdu };
}
