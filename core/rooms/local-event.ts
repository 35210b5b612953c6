// Events from our own users: build (auth events, prev events, depth), hash and sign them (server-server-api
// §Signing Events, §Auth events selection), then run them through the same checks as received events.
import type { RoomVersionRules } from '../matrix/room-versions.ts';
import type { Pdu } from '../matrix/pdu.ts';
import { authTypesFor } from '../matrix/event-auth/index.ts';
import { domainOf } from '../matrix/event-auth/user-id.ts';
import { signEvent } from '../matrix/event-hash.ts';
import type { JsonObject } from '../matrix/signing.ts';
import { badJson, forbidden } from '../matrix/errors.ts';
import { EventStatus } from '../slots/store.ts';
import { PDU_LIMITS } from '../matrix/pdu-format.ts';
import type { EngineContext } from './engine-context.ts';
import { checkFormat } from './check-format.ts';
import { evaluate } from './evaluate.ts';
import { prevEventsForLocal } from './extremities.ts';
import { drainWaiting, recordNew } from './record-event.ts';
import { stateBefore } from './state-at.ts';

export interface LocalEventSpec {
  readonly type: string;
  /** Present for state events ('' for most room-wide state). */
  readonly stateKey?: string;
  /** A user of this server. */
  readonly sender: string;
  readonly content: Record<string, unknown>;
  /** m.room.redaction only: the event redacted (top-level `redacts` in v6–v10, `content.redacts` from v11). */
  readonly redacts?: string;
}

/** Builds, signs, checks and stores an event of ours, then waits until it is durable; returns its id. */
export async function sendLocalEvent(ctx: EngineContext, roomId: string, spec: LocalEventSpec): Promise<string> {
  const id = submitLocalEvent(ctx, roomId, spec);
  await ctx.data.commit();
  return id;
}

/**
 * The synchronous part of `sendLocalEvent` (callers sending several events commit once):
 * prev_events = the forward extremities (≤ 20, most recent), depth = max prev depth + 1, auth_events
 * chosen by `authTypesFor` from the state before the event (v12: never the create event).
 * Throws M_FORBIDDEN with the auth rule's reason when our own event would not be accepted.
 */
export function submitLocalEvent(ctx: EngineContext, roomId: string, spec: LocalEventSpec): string {
  if (domainOf(spec.sender) !== ctx.serverName) throw forbidden(`${spec.sender} is not a user of this server`);
  const room = ctx.room(roomId);
  const rules = ctx.rules(room);
  const prevEvents = prevEventsForLocal(ctx, room);
  const before = stateBefore(ctx, room, rules, prevEvents);
  if (before.state === undefined) throw new Error(`room ${roomId}: forward extremities ${before.missing.join(', ')} are not placed`);
  const store = ctx.store();
  let depth = 0;
  for (const id of prevEvents) depth = Math.max(depth, store.get(id)!.depth);

  const content = spec.redacts !== undefined && rules.redactsInContent ? { ...spec.content, redacts: spec.redacts } : spec.content;
  const pdu: JsonObject = {
    room_id: roomId,
    type: spec.type,
    sender: spec.sender,
    content,
    prev_events: prevEvents,
    auth_events: [],
    depth: Math.min(depth + 1, PDU_LIMITS.maxDepth),
    origin_server_ts: ctx.now(),
  };
  if (spec.stateKey !== undefined) pdu.state_key = spec.stateKey;
  if (spec.redacts !== undefined && !rules.redactsInContent) pdu.redacts = spec.redacts;
  const authEvents: string[] = [];
  for (const [type, stateKey] of authTypesFor(rules, pdu as Pdu)) {
    const id = store.stateGet(before.state, type, stateKey);
    if (id !== undefined) authEvents.push(id);
  }
  pdu.auth_events = authEvents;
  return submitSignedLocal(ctx, rules, roomId, signLocal(ctx, rules, pdu));
}

/** Hashes and signs with our current key (§Signing Events). */
export function signLocal(ctx: EngineContext, rules: RoomVersionRules, pdu: JsonObject): JsonObject {
  return signEvent(ctx.slots.json, ctx.slots.signer, pdu, rules.redaction, ctx.options.signingKey());
}

/** Checks 1 and 4–6 on a PDU we built and signed (check 2–3 hold by construction); stores it if accepted. */
export function submitSignedLocal(ctx: EngineContext, rules: RoomVersionRules, roomId: string, signed: JsonObject): string {
  const f = checkFormat(ctx.slots.json, rules, signed, roomId);
  if (!f.ok) throw badJson(f.reason);
  const room = ctx.room(roomId);
  const ev = { eventId: f.value.eventId, pdu: f.value.pdu };
  const v = evaluate(ctx, room, rules, ev);
  if (v.status !== EventStatus.ACCEPTED) throw forbidden(v.reason ?? 'event not accepted');
  recordNew(ctx, rules, roomId, ev, f.value.bytes, v);
  drainWaiting(ctx);
  return ev.eventId;
}
