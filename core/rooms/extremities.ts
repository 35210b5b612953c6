// Forward extremities and the current state of a room (server-server-api §Room State Resolution: the current
// state is the resolution of the states after the forward extremities).
import type { RoomVersionRules } from '../matrix/room-versions.ts';
import type { NewEvent } from '../slots/store.ts';
import type { RoomRecord } from './room-data.ts';
import type { EngineContext } from './engine-context.ts';
import { stateAfter } from './state-at.ts';
import { resolveStates } from './resolve-states.ts';

/** How many prev events a new local event names at most (pdu_v6: prev_events ≤ 20). */
export const MAX_PREV_EVENTS = 20;

/**
 * Records a newly accepted event: it replaces its prev events among the extremities (an accepted event never
 * has accepted children yet: a child is placed only after all its prev events are), and the current state
 * becomes the state after it, or the resolution over every extremity when the room has forked.
 * Rejected, soft-failed and outlier events never come here.
 */
export function advanceRoom(ctx: EngineContext, room: RoomRecord, rules: RoomVersionRules, e: NewEvent): RoomRecord {
  const extremities = room.extremities.filter((id) => !e.prevEvents.includes(id));
  extremities.push(e.eventId);
  let currentState;
  if (extremities.length === 1) {
    currentState = stateAfter(ctx, e);
  } else {
    const store = ctx.store();
    currentState = resolveStates(ctx, rules, extremities.map((id) => stateAfter(ctx, store.get(id)!)));
  }
  const next: RoomRecord = { ...room, extremities, currentState, maxDepth: Math.max(room.maxDepth, e.depth) };
  ctx.data.setRoom(next);
  return next;
}

/** The prev events of a new local event: every extremity, or the 20 deepest (most recent) of them. */
export function prevEventsForLocal(ctx: EngineContext, room: RoomRecord): string[] {
  if (room.extremities.length <= MAX_PREV_EVENTS) return [...room.extremities];
  const store = ctx.store();
  return room.extremities
    .map((id, i) => ({ id, i, depth: store.get(id)!.depth }))
    .sort((a, b) => b.depth - a.depth || b.i - a.i)
    .slice(0, MAX_PREV_EVENTS)
    .map((x) => x.id);
}
