// Events from before we joined a room (backfill: server-server-api §Backfilling and retrieving missing events),
// placed in the DAG as history. Unlike `receive`, history never moves the room forward: it does not touch the
// forward extremities or the current state (these events are ancestors of what we hold), and it is not checked
// against the current state (check 6: a message from a user who has since left is still part of the history).
import type { Event } from '../matrix/pdu.ts';
import { isStateEvent } from '../matrix/pdu.ts';
import { checkAuth } from '../matrix/event-auth/index.ts';
import { EMPTY_STATE, EventStatus, type StateId } from '../slots/store.ts';
import type { EngineContext } from './engine-context.ts';
import { stateLookup } from './evaluate.ts';
import { isPlaced, Stage } from './outcome.ts';
import { authOptionsFor, checkByAuthEvents, storedAuthEvent } from './outliers.ts';
import { onEventStored, onRedactionAccepted } from './redactions.ts';
import { stateBefore } from './state-at.ts';
import { verifyPdus, type VerifiedPdu } from './verify-pdus.ts';

/**
 * The state before an event whose prev events we do not have (the oldest events of a backfilled batch), e.g. from
 * the resident's /state answer; undefined when it cannot be had (the event then stays an outlier).
 */
export type FrontierState = (eventId: string) => Promise<StateId | undefined>;

export interface HistoryResult {
  readonly accepted: number;
  readonly rejected: number;
  /** Stored, or left, as outliers: their state before is unknown. */
  readonly outliers: number;
  /** Failed checks 1–2. */
  readonly dropped: number;
  /** Already placed before this call. */
  readonly known: number;
}

export interface HistoryOptions {
  readonly frontierState?: FrontierState;
  /** How many frontier states may be asked for (default 3). */
  readonly maxFrontiers?: number;
}

/**
 * Checks (1–5) and places backfilled events of a room we are in, oldest first. An event is placed when its prev
 * events are placed (its state before follows from theirs) or, at the frontier, from `frontierState`.
 */
export async function acceptHistory(ctx: EngineContext, roomId: string, pdus: readonly unknown[], options: HistoryOptions = {}): Promise<HistoryResult> {
  const rules = ctx.rules(ctx.room(roomId));
  const checks = await verifyPdus(ctx, rules, roomId, pdus);
  const batch = new Map<string, VerifiedPdu>();
  let dropped = 0;
  for (const c of checks) {
    if (!c.ok) dropped++;
    else batch.set(c.eventId, c);
  }
  const sorted = [...batch.values()].sort((a, b) => a.pdu.depth - b.pdu.depth);

  // The frontier: events with a prev event that is neither placed nor in the batch. Their states are fetched
  // first (oldest first, a few at most); everything after is synchronous.
  const store = ctx.store();
  const placed = (id: string) => {
    const e = store.get(id);
    return e !== undefined && isPlaced(e) && e.roomId === roomId;
  };
  const frontier = new Map<string, StateId>();
  let budget = options.maxFrontiers ?? 3;
  for (const v of sorted) {
    if (budget <= 0 || options.frontierState === undefined) break;
    if (placed(v.eventId) || !v.pdu.prev_events.some((p) => !placed(p) && !batch.has(p))) continue;
    budget--;
    const s = await options.frontierState(v.eventId).catch(() => undefined);
    if (s !== undefined) frontier.set(v.eventId, s);
  }

  let accepted = 0, rejected = 0, outliers = 0, known = 0;
  for (const v of sorted) {
    const existing = ctx.store().get(v.eventId);
    if (existing !== undefined && isPlaced(existing)) {
      known++;
      continue;
    }
    const room = ctx.room(roomId);
    const ev: Event = { eventId: v.eventId, pdu: v.pdu };
    let sb = frontier.get(v.eventId);
    if (sb === undefined && v.pdu.prev_events.every(placed)) sb = stateBefore(ctx, room, rules, v.pdu.prev_events).state;
    let status: EventStatus;
    let reason: string | null;
    if (sb === undefined) {
      outliers++;
      if (existing !== undefined) continue;
      status = EventStatus.OUTLIER;
      reason = Stage.AWAITING_PREV + v.pdu.prev_events.filter((p) => !placed(p)).join(', ');
    } else {
      // 4. Auth rules against the event's auth events; 5. against the state before it. (No 6: see above.)
      const byAuth = checkByAuthEvents(ctx, rules, ev, (id) => storedAuthEvent(ctx, id));
      const r = byAuth.ok ? checkAuth(rules, ev, stateLookup(ctx, sb), undefined, authOptionsFor(ctx, ev)) : undefined;
      if (!byAuth.ok && byAuth.missing !== undefined) {
        outliers++;
        if (existing !== undefined) continue;
        status = EventStatus.OUTLIER;
        reason = byAuth.reason;
        sb = undefined;
      } else if (v.pdu.type === 'm.room.create' && v.eventId !== room.createEventId) {
        status = EventStatus.REJECTED;
        reason = Stage.AUTH_EVENTS + `not the create event of ${roomId}`;
      } else if (!byAuth.ok || !r!.ok) {
        status = EventStatus.REJECTED;
        reason = byAuth.ok ? Stage.STATE_BEFORE + (r as { reason: string }).reason : byAuth.reason;
      } else {
        status = EventStatus.ACCEPTED;
        reason = null;
      }
      if (status === EventStatus.ACCEPTED) accepted++;
      else if (status === EventStatus.REJECTED) rejected++;
    }
    write(ctx, roomId, v, existing !== undefined, status, reason, sb);
    if (status === EventStatus.ACCEPTED) onRedactionAccepted(ctx, rules, ev);
  }
  return { accepted, rejected, outliers, dropped, known };
}

function write(ctx: EngineContext, roomId: string, v: VerifiedPdu, exists: boolean, status: EventStatus, reason: string | null, sb: StateId | undefined): void {
  const rules = ctx.rules(ctx.room(roomId));
  if (exists) {
    ctx.data.updateEvent(v.eventId, { status, reason, ...(sb === undefined ? {} : { stateBefore: sb }) });
  } else {
    ctx.data.putEvent({
      eventId: v.eventId, roomId, type: v.pdu.type, stateKey: isStateEvent(v.pdu) ? v.pdu.state_key! : null,
      sender: v.pdu.sender, depth: v.pdu.depth, originServerTs: v.pdu.origin_server_ts,
      prevEvents: v.pdu.prev_events, authEvents: v.pdu.auth_events, bytes: v.bytes,
      status, reason, stateBefore: sb ?? EMPTY_STATE,
    });
    ctx.parsed.set({ eventId: v.eventId, pdu: v.pdu });
    onEventStored(ctx, rules, v.eventId);
  }
  ctx.waiting.wake(v.eventId);
}
