// The state at each event (server-server-api §Room State Resolution, "the state before an event"): the state
// after its single prev event, or the resolution of the states after its prev events.
import type { RoomVersionRules } from '../matrix/room-versions.ts';
import { EMPTY_STATE, EventStatus, type NewEvent, type StateId } from '../slots/store.ts';
import type { RoomRecord } from './room-data.ts';
import type { EngineContext } from './engine-context.ts';
import { isPlaced } from './outcome.ts';
import { resolveStates } from './resolve-states.ts';

/**
 * The state after a placed event: its state before, plus itself when it is a state event that was not
 * rejected (rejected events never become state). The StateId is cached so every child shares it.
 */
export function stateAfter(ctx: EngineContext, e: Pick<NewEvent, 'eventId' | 'type' | 'stateKey' | 'status' | 'stateBefore'>): StateId {
  if (e.stateKey === null || e.status === EventStatus.REJECTED) return e.stateBefore;
  const cached = ctx.stateAfter.get(e.eventId);
  if (cached !== undefined) return cached;
  const s = ctx.data.newState(e.stateBefore, [[e.type, e.stateKey, e.eventId]]);
  ctx.stateAfter.set(e.eventId, s);
  return s;
}

export type StateBefore = { readonly state: StateId; readonly missing?: undefined } | { readonly state?: undefined; readonly missing: readonly string[] };

/**
 * The state before an event with these prev events, or the prev events that are not placed yet (unknown, or
 * outliers). No prev events: the empty state (a create event). Prev events equal to the room's forward
 * extremities: the room's current state, which is their resolution already.
 */
export function stateBefore(ctx: EngineContext, room: RoomRecord, rules: RoomVersionRules, prevEvents: readonly string[]): StateBefore {
  if (prevEvents.length === 0) return { state: EMPTY_STATE };
  if (sameSet(prevEvents, room.extremities)) return { state: room.currentState };
  const store = ctx.store();
  const states: StateId[] = [];
  let missing: string[] | undefined;
  for (const id of prevEvents) {
    const p = store.get(id);
    if (p === undefined || !isPlaced(p) || p.roomId !== room.roomId) (missing ??= []).push(id);
    else if (missing === undefined) states.push(stateAfter(ctx, p));
  }
  if (missing !== undefined) return { missing };
  return { state: resolveStates(ctx, rules, states) };
}

/** True when the two lists hold the same ids (lists are short: prev events ≤ 20). */
export function sameSet(a: readonly string[], b: readonly string[]): boolean {
  if (b.length === 0) return false;
  for (const x of a) if (!b.includes(x)) return false;
  for (const x of b) if (!a.includes(x)) return false;
  return true;
}
