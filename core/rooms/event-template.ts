// Unsigned event templates on top of a room's forward extremities: what /make_join, /make_leave and /make_knock
// answer (server-server-api §Joining Rooms: prev_events, auth_events, depth filled by the resident server), and
// our own events built but not yet stored (an invite that the invitee's server must sign first).
import type { RoomVersionRules } from '../matrix/room-versions.ts';
import type { Event, Pdu } from '../matrix/pdu.ts';
import { authTypesFor, checkAuth, type AuthResult } from '../matrix/event-auth/index.ts';
import { domainOf } from '../matrix/event-auth/user-id.ts';
import type { JsonObject } from '../matrix/signing.ts';
import { signEvent } from '../matrix/event-hash.ts';
import { PDU_LIMITS } from '../matrix/pdu-format.ts';
import type { StateId } from '../slots/store.ts';
import type { EngineContext } from './engine-context.ts';
import { stateLookup } from './evaluate.ts';
import { prevEventsForLocal } from './extremities.ts';
import { authOptionsFor } from './outliers.ts';
import { stateBefore } from './state-at.ts';

export interface TemplateSpec {
  readonly type: string;
  /** Present for state events ('' for most room-wide state). */
  readonly stateKey?: string;
  /** Any user: a template is for another server's user; a local event is for one of ours. */
  readonly sender: string;
  readonly content: Record<string, unknown>;
  /** m.room.redaction only: the event redacted (top-level `redacts` in v6–v10, `content.redacts` from v11). */
  readonly redacts?: string;
}

export interface EventTemplate {
  readonly rules: RoomVersionRules;
  /** room_id, type, sender, state_key, content, prev_events, auth_events, depth, origin_server_ts. */
  readonly event: JsonObject;
  /** The state the event would be checked against (the current state: prev events = the extremities). */
  readonly stateBefore: StateId;
}

/**
 * Builds an event template, as every local event is built (local-event.ts): prev_events = the forward
 * extremities (≤ 20), depth = max prev depth + 1, auth_events chosen by `authTypesFor` from the state before it
 * (v12: never the create event). No hashes, no signatures. 404 when the room is unknown.
 */
export function buildTemplate(ctx: EngineContext, roomId: string, spec: TemplateSpec): EventTemplate {
  const room = ctx.room(roomId);
  const rules = ctx.rules(room);
  const prevEvents = prevEventsForLocal(ctx, room);
  const before = stateBefore(ctx, room, rules, prevEvents);
  if (before.state === undefined) throw new Error(`room ${roomId}: forward extremities ${before.missing.join(', ')} are not placed`);
  const store = ctx.store();
  let depth = 0;
  for (const id of prevEvents) depth = Math.max(depth, store.get(id)!.depth);
  const content = spec.redacts !== undefined && rules.redactsInContent ? { ...spec.content, redacts: spec.redacts } : spec.content;
  const event: JsonObject = {
    room_id: roomId,
    type: spec.type,
    sender: spec.sender,
    content,
    prev_events: prevEvents,
    auth_events: [],
    depth: Math.min(depth + 1, PDU_LIMITS.maxDepth),
    origin_server_ts: ctx.now(),
  };
  if (spec.stateKey !== undefined) event.state_key = spec.stateKey;
  if (spec.redacts !== undefined && !rules.redactsInContent) event.redacts = spec.redacts;
  const authEvents: string[] = [];
  for (const [type, stateKey] of authTypesFor(rules, event as Pdu)) {
    const id = store.stateGet(before.state, type, stateKey);
    if (id !== undefined) authEvents.push(id);
  }
  event.auth_events = authEvents;
  return { rules, event, stateBefore: before.state };
}

/**
 * The auth rules on a template against the state before it (receipt check 5, which a template must pass). A
 * template is unsigned; a restricted join's authorising server signs it at send_join, so rule 4.2 (that server's
 * signature is present) is checked as if it had.
 */
export function authorizeTemplate(ctx: EngineContext, t: EventTemplate): AuthResult {
  const signatures: Record<string, Record<string, string>> = {};
  const via = (t.event.content as Record<string, unknown>)['join_authorised_via_users_server'];
  if (typeof via === 'string') signatures[domainOf(via)] = { 'ed25519:pending': '' };
  const ev: Event = { eventId: '$template', pdu: { ...t.event, signatures } as unknown as Pdu };
  return checkAuth(t.rules, ev, stateLookup(ctx, t.stateBefore), undefined, authOptionsFor(ctx, ev));
}

/** Hashes and signs with our current key (§Signing Events). */
export function signLocal(ctx: EngineContext, rules: RoomVersionRules, pdu: JsonObject): JsonObject {
  return signEvent(ctx.slots.json, ctx.slots.signer, pdu, rules.redaction, ctx.options.signingKey());
}

/** A local event built and signed with our key but not stored (it is submitted later, e.g. once co-signed). */
export function buildSignedLocal(ctx: EngineContext, roomId: string, spec: TemplateSpec): { rules: RoomVersionRules; event: JsonObject } {
  const t = buildTemplate(ctx, roomId, spec);
  return { rules: t.rules, event: signLocal(ctx, t.rules, t.event) };
}
