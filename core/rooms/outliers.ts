// Events known only as state or auth events (outliers: their place in the DAG is unknown), as a send_join
// response or a /state answer delivers them: receipt check 4 against their own auth events (server-server-api
// §Checks performed on receipt of a PDU), stored with their verdict, and a room state built from them.
import type { RoomVersionRules } from '../matrix/room-versions.ts';
import type { Event } from '../matrix/pdu.ts';
import { isStateEvent } from '../matrix/pdu.ts';
import {
  checkAuth, checkAuthEvents, stateLookupFrom, thirdPartySignatureVerifier, type AuthEventRecord, type AuthOptions,
} from '../matrix/event-auth/index.ts';
import { EMPTY_STATE, EventStatus, type StateChange, type StateId } from '../slots/store.ts';
import type { EngineContext } from './engine-context.ts';
import { awaitingAuth, Stage } from './outcome.ts';
import { onEventStored } from './redactions.ts';
import type { VerifiedPdu } from './verify-pdus.ts';

export type AuthEventsVerdict =
  | { readonly ok: true }
  | { readonly ok: false; readonly missing: readonly string[]; readonly reason: string }
  | { readonly ok: false; readonly missing?: undefined; readonly reason: string };

/** Only member events can reach the third-party-invite signature rule. */
export function authOptionsFor(ctx: EngineContext, ev: Event): AuthOptions {
  if (ev.pdu.type !== 'm.room.member') return {};
  return { verifyThirdPartySignature: thirdPartySignatureVerifier(ctx.slots.json, ctx.slots.signer) };
}

/** A stored event usable as an auth event (not an outlier still missing its own auth events). */
export function storedAuthEvent(ctx: EngineContext, id: string): AuthEventRecord | undefined {
  const stored = ctx.store().get(id);
  if (stored === undefined || awaitingAuth(stored)) return undefined;
  const event = ctx.event(id);
  return event === undefined ? undefined : { event, rejected: stored.status === EventStatus.REJECTED };
}

/**
 * Check 4: the auth rules against the event's own auth events (v12: plus the create event its room id names).
 * `find` produces the auth events the caller holds (stored ones, or ones being stored in the same batch).
 */
export function checkByAuthEvents(ctx: EngineContext, rules: RoomVersionRules, ev: Event, find: (id: string) => AuthEventRecord | undefined): AuthEventsVerdict {
  const pdu = ev.pdu;
  const wanted = rules.roomIdFromCreateEvent && pdu.type !== 'm.room.create' && typeof pdu.room_id === 'string'
    ? [...pdu.auth_events, '$' + pdu.room_id.slice(1)]
    : pdu.auth_events;
  const records: AuthEventRecord[] = [];
  const missing: string[] = [];
  for (const id of wanted) {
    const r = find(id);
    if (r === undefined) missing.push(id);
    else records.push(r);
  }
  if (missing.length > 0) return { ok: false, missing, reason: Stage.AWAITING_AUTH + missing.join(', ') };
  const fetch = (id: string) => records.find((r) => r.event.eventId === id);
  let r = checkAuthEvents(rules, ev, fetch);
  if (r.ok) r = checkAuth(rules, ev, stateLookupFrom(records.map((a) => a.event)), undefined, authOptionsFor(ctx, ev));
  return r.ok ? { ok: true } : { ok: false, reason: Stage.AUTH_EVENTS + r.reason };
}

/** Each event's auth events before it (within the batch), ties by depth: the order check 4 needs. */
export function authOrder(events: readonly VerifiedPdu[]): VerifiedPdu[] {
  const byId = new Map(events.map((e) => [e.eventId, e]));
  const done = new Set<string>();
  const out: VerifiedPdu[] = [];
  const visit = (e: VerifiedPdu) => {
    // Iterative DFS over auth_events (auth chains can be long: no recursion).
    const stack: Array<{ e: VerifiedPdu; i: number }> = [{ e, i: 0 }];
    done.add(e.eventId);
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const auth = top.e.pdu.auth_events;
      if (top.i < auth.length) {
        const next = byId.get(auth[top.i++]!);
        if (next !== undefined && !done.has(next.eventId)) {
          done.add(next.eventId);
          stack.push({ e: next, i: 0 });
        }
        continue;
      }
      out.push(top.e);
      stack.pop();
    }
  };
  for (const e of [...events].sort((a, b) => a.pdu.depth - b.pdu.depth)) if (!done.has(e.eventId)) visit(e);
  return out;
}

/**
 * Stores verified events of `roomId` that are not stored yet as outliers (status OUTLIER, "awaiting prev events":
 * usable as auth events, not placed) or REJECTED when check 4 fails, in auth order. Events whose auth events are
 * nowhere to be found are stored as outliers awaiting them. Synchronous; the caller commits.
 * Returns the ids now stored and not rejected (including ones stored before).
 */
export function storeOutliers(ctx: EngineContext, rules: RoomVersionRules, roomId: string, events: readonly VerifiedPdu[]): Set<string> {
  const room = ctx.room(roomId);
  const usable = new Set<string>();
  const store = ctx.store();
  for (const v of authOrder(events)) {
    const existing = store.get(v.eventId);
    if (existing !== undefined) {
      if (existing.status !== EventStatus.REJECTED && !awaitingAuth(existing)) usable.add(v.eventId);
      continue;
    }
    const ev: Event = { eventId: v.eventId, pdu: v.pdu };
    let verdict = checkByAuthEvents(ctx, rules, ev, (id) => storedAuthEvent(ctx, id));
    // Not an auth rule: a room has one create event, the one its record names (as evaluate.ts).
    if (v.pdu.type === 'm.room.create' && v.eventId !== room.createEventId) verdict = { ok: false, reason: Stage.AUTH_EVENTS + `not the create event of ${roomId}` };
    const status = verdict.ok ? EventStatus.OUTLIER : verdict.missing !== undefined ? EventStatus.OUTLIER : EventStatus.REJECTED;
    const reason = verdict.ok ? Stage.AWAITING_PREV + (v.pdu.prev_events.join(', ') || 'none') : verdict.reason;
    ctx.data.putEvent({
      eventId: v.eventId, roomId, type: v.pdu.type, stateKey: isStateEvent(v.pdu) ? v.pdu.state_key! : null,
      sender: v.pdu.sender, depth: v.pdu.depth, originServerTs: v.pdu.origin_server_ts,
      prevEvents: v.pdu.prev_events, authEvents: v.pdu.auth_events, bytes: v.bytes,
      status, reason, stateBefore: EMPTY_STATE,
    });
    ctx.parsed.set(ev);
    onEventStored(ctx, rules, v.eventId);
    ctx.waiting.wake(v.eventId); // events that waited for it are re-examined at the caller's next drain
    if (verdict.ok) usable.add(v.eventId);
    else if (verdict.missing !== undefined) ctx.waiting.park(v.eventId, verdict.missing);
  }
  return usable;
}

/**
 * A room state made of these state events (as a resident's answer lists it), skipping events that are not
 * usable (rejected, unknown). Two events for one (type, state_key): the first wins, and the second is reported.
 */
export function stateFromEvents(ctx: EngineContext, ids: Iterable<string>, usable: ReadonlySet<string>): { state: StateId; skipped: string[] } {
  const store = ctx.store();
  const changes: StateChange[] = [];
  const seen = new Set<string>();
  const skipped: string[] = [];
  for (const id of ids) {
    const e = store.get(id);
    if (e === undefined || e.stateKey === null || !usable.has(id)) {
      skipped.push(id);
      continue;
    }
    const key = `${e.type}\u0000${e.stateKey}`;
    if (seen.has(key)) {
      skipped.push(id);
      continue;
    }
    seen.add(key);
    changes.push([e.type, e.stateKey, id]);
  }
  return { state: changes.length === 0 ? EMPTY_STATE : ctx.data.newState(EMPTY_STATE, changes), skipped };
}
