// Writing an event's verdict through RoomData, and what follows from it: the room's extremities and current
// state, redactions, and the events that were waiting for this one (re-examined until nothing moves).
import type { RoomVersionRules } from '../matrix/room-versions.ts';
import type { Event } from '../matrix/pdu.ts';
import { isStateEvent } from '../matrix/pdu.ts';
import { EventStatus, type NewEvent, type StoredEvent } from '../slots/store.ts';
import type { EngineContext } from './engine-context.ts';
import { evaluate, type Verdict } from './evaluate.ts';
import { advanceRoom } from './extremities.ts';
import { isPlaced } from './outcome.ts';
import { onEventStored, onRedactionAccepted } from './redactions.ts';
import { stateBefore } from './state-at.ts';

/** Stores a new event (bytes = its canonical JSON, matching `ev.pdu`) with its verdict. */
export function recordNew(ctx: EngineContext, rules: RoomVersionRules, roomId: string, ev: Event, bytes: Uint8Array, v: Verdict): void {
  const pdu = ev.pdu;
  const e: NewEvent = {
    eventId: ev.eventId,
    roomId,
    type: pdu.type,
    stateKey: isStateEvent(pdu) ? pdu.state_key! : null,
    sender: pdu.sender,
    depth: pdu.depth,
    originServerTs: pdu.origin_server_ts,
    prevEvents: pdu.prev_events,
    authEvents: pdu.auth_events,
    bytes,
    status: v.status,
    reason: v.reason,
    stateBefore: v.stateBefore,
  };
  ctx.data.putEvent(e);
  ctx.parsed.set(ev);
  onEventStored(ctx, rules, ev.eventId);
  after(ctx, rules, ev, e, v);
}

/** Re-examines the events that waited for others, until none can move; call after every write batch. */
export function drainWaiting(ctx: EngineContext): void {
  for (let id = ctx.waiting.next(); id !== undefined; id = ctx.waiting.next()) {
    const stored = ctx.store().get(id);
    if (stored === undefined || isPlaced(stored)) continue;
    const room = ctx.data.room(stored.roomId);
    if (room === undefined) continue;
    const rules = ctx.rules(room);
    const ev = ctx.event(id)!;
    if (stored.status === EventStatus.REJECTED) placeRejected(ctx, rules, stored, ev);
    else {
      const v = evaluate(ctx, room, rules, ev);
      ctx.data.updateEvent(id, { status: v.status, reason: v.reason, stateBefore: v.stateBefore });
      after(ctx, rules, ev, { ...stored, status: v.status, reason: v.reason, stateBefore: v.stateBefore }, v);
    }
  }
}

/** A rejected event stays rejected; once its prev events are placed it gets its state (for its children). */
function placeRejected(ctx: EngineContext, rules: RoomVersionRules, stored: StoredEvent, ev: Event): void {
  const room = ctx.data.room(stored.roomId)!;
  const placed = stateBefore(ctx, room, rules, stored.prevEvents);
  if (placed.missing !== undefined) {
    ctx.waiting.park(stored.eventId, placed.missing);
    return;
  }
  ctx.data.updateEvent(stored.eventId, { stateBefore: placed.state });
  ctx.waiting.wake(ev.eventId);
}

/** `e` holds the event's fields as just written. */
function after(ctx: EngineContext, rules: RoomVersionRules, ev: Event, e: NewEvent, v: Verdict): void {
  if (v.status === EventStatus.ACCEPTED) {
    advanceRoom(ctx, ctx.data.room(e.roomId)!, rules, e);
    onRedactionAccepted(ctx, rules, ev);
  }
  if (v.waitFor.length > 0) ctx.waiting.park(ev.eventId, v.waitFor);
  ctx.waiting.wake(ev.eventId);
}
