// Receipt checks 4–6 for an event whose format, signatures and hashes have been checked (server-server-api
// §Checks performed on receipt of a PDU), and where the event sits in the DAG. Synchronous: nothing can change
// the room between reading its state and writing the verdict.
import type { RoomVersionRules } from '../matrix/room-versions.ts';
import type { Event } from '../matrix/pdu.ts';
import {
  checkAuth, checkAuthEvents, stateLookupFrom, thirdPartySignatureVerifier,
  type AuthEventRecord, type AuthOptions, type StateLookup,
} from '../matrix/event-auth/index.ts';
import { EMPTY_STATE, EventStatus, type StateId } from '../slots/store.ts';
import type { RoomRecord } from './room-data.ts';
import type { EngineContext } from './engine-context.ts';
import { awaitingAuth, Stage } from './outcome.ts';
import { sameSet, stateAfter, stateBefore } from './state-at.ts';
import { resolveStates } from './resolve-states.ts';

export interface Verdict {
  readonly status: EventStatus;
  /** Prefixed by its Stage; null when accepted. */
  readonly reason: string | null;
  /** EMPTY_STATE when the prev events are not placed yet. */
  readonly stateBefore: StateId;
  /** Events this one waits for (unknown or unplaced prev events, missing auth events). */
  readonly waitFor: readonly string[];
}

const NONE: readonly string[] = [];

/** A StateLookup over a stored state: no copy, one store lookup and one (cached) parse per asked key. */
export function stateLookup(ctx: EngineContext, state: StateId): StateLookup {
  const store = ctx.store();
  return (type, stateKey) => {
    const id = store.stateGet(state, type, stateKey);
    return id === undefined ? undefined : ctx.event(id);
  };
}

/** Only member events can reach the third-party-invite signature rule; others skip building the verifier. */
function authOptions(ctx: EngineContext, ev: Event): AuthOptions {
  if (ev.pdu.type !== 'm.room.member') return {};
  return { verifyThirdPartySignature: thirdPartySignatureVerifier(ctx.slots.json, ctx.slots.signer) };
}

export function evaluate(ctx: EngineContext, room: RoomRecord, rules: RoomVersionRules, ev: Event): Verdict {
  const store = ctx.store();
  const pdu = ev.pdu;
  const options = authOptions(ctx, ev);

  // 4. Passes authorization rules based on the event's auth events, otherwise it is rejected.
  const records: AuthEventRecord[] = [];
  let missingAuth: string[] | undefined;
  const wanted = rules.roomIdFromCreateEvent && pdu.type !== 'm.room.create' && typeof pdu.room_id === 'string'
    ? [...pdu.auth_events, '$' + pdu.room_id.slice(1)] // v12: the create event is named by the room id
    : pdu.auth_events;
  for (const id of wanted) {
    const stored = store.get(id);
    const event = stored === undefined || awaitingAuth(stored) ? undefined : ctx.event(id);
    if (event === undefined) (missingAuth ??= []).push(id);
    else records.push({ event, rejected: stored!.status === EventStatus.REJECTED });
  }
  if (missingAuth !== undefined) {
    return { status: EventStatus.OUTLIER, reason: Stage.AWAITING_AUTH + missingAuth.join(', '), stateBefore: EMPTY_STATE, waitFor: missingAuth };
  }
  const placed = stateBefore(ctx, room, rules, pdu.prev_events);
  const before = placed.state ?? EMPTY_STATE;
  const waitFor = placed.missing ?? NONE;

  // Not an auth rule: a room has one create event, the one its record names (v1–v11 room ids do not derive
  // from it, so the room's server could otherwise inject a second one and fork the room's origin).
  if (pdu.type === 'm.room.create' && ev.eventId !== room.createEventId) {
    return { status: EventStatus.REJECTED, reason: Stage.AUTH_EVENTS + `not the create event of ${room.roomId}`, stateBefore: before, waitFor };
  }
  // Callbacks are passed inline, not held in a const: tsx (esbuild keepNames) gives every named closure a
  // defineProperty('name') call each time it is created, which shows in per-PDU profiles.
  let r = checkAuthEvents(rules, ev, (id) => records.find((a) => a.event.eventId === id));
  if (r.ok) r = checkAuth(rules, ev, stateLookupFrom(records.map((a) => a.event)), undefined, options);
  if (!r.ok) return { status: EventStatus.REJECTED, reason: Stage.AUTH_EVENTS + r.reason, stateBefore: before, waitFor };

  if (placed.missing !== undefined) {
    return { status: EventStatus.OUTLIER, reason: Stage.AWAITING_PREV + placed.missing.join(', '), stateBefore: EMPTY_STATE, waitFor };
  }

  // 5. Passes authorization rules based on the state before the event, otherwise it is rejected.
  r = checkAuth(rules, ev, stateLookup(ctx, before), undefined, options);
  if (!r.ok) return { status: EventStatus.REJECTED, reason: Stage.STATE_BEFORE + r.reason, stateBefore: before, waitFor };

  // 6. Passes authorization rules based on the current state of the room, otherwise it is "soft failed".
  // The current state is resolved from the forward extremities and the state before the event (as Synapse
  // does); when the prev events are the extremities it is the state before, already checked.
  if (!sameSet(pdu.prev_events, room.extremities) && room.extremities.length > 0) {
    const states = [before];
    for (const id of room.extremities) states.push(stateAfter(ctx, store.get(id)!));
    const current = resolveStates(ctx, rules, states);
    if (current !== before) {
      r = checkAuth(rules, ev, stateLookup(ctx, current), undefined, options);
      if (!r.ok) return { status: EventStatus.SOFT_FAILED, reason: Stage.CURRENT_STATE + r.reason, stateBefore: before, waitFor };
    }
  }
  return { status: EventStatus.ACCEPTED, reason: null, stateBefore: before, waitFor };
}
