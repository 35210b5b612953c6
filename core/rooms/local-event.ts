// Events from our own users: build (auth events, prev events, depth), hash and sign them (server-server-api
// §Signing Events, §Auth events selection), then run them through the same checks as received events.
import type { RoomVersionRules } from '../matrix/room-versions.ts';
import { domainOf } from '../matrix/event-auth/user-id.ts';
import type { JsonObject } from '../matrix/signing.ts';
import { badJson, forbidden } from '../matrix/errors.ts';
import { EventStatus } from '../slots/store.ts';
import type { EngineContext } from './engine-context.ts';
import { checkFormat } from './check-format.ts';
import { evaluate } from './evaluate.ts';
import { buildTemplate, signLocal, type TemplateSpec } from './event-template.ts';
import { drainWaiting, recordNew } from './record-event.ts';

/** An event of ours: a TemplateSpec whose sender is a user of this server. */
export type LocalEventSpec = TemplateSpec;

/** Builds, signs, checks and stores an event of ours, then waits until it is durable; returns its id. */
export async function sendLocalEvent(ctx: EngineContext, roomId: string, spec: LocalEventSpec): Promise<string> {
  const id = submitLocalEvent(ctx, roomId, spec);
  await ctx.data.commit();
  return id;
}

/**
 * The synchronous part of `sendLocalEvent` (callers sending several events commit once): built as a template
 * (event-template.ts: prev_events = the forward extremities, ≤ 20, most recent; depth = max prev depth + 1;
 * auth_events chosen by `authTypesFor` from the state before the event, v12: never the create event), signed.
 * Throws M_FORBIDDEN with the auth rule's reason when our own event would not be accepted.
 */
export function submitLocalEvent(ctx: EngineContext, roomId: string, spec: LocalEventSpec): string {
  if (domainOf(spec.sender) !== ctx.serverName) throw forbidden(`${spec.sender} is not a user of this server`);
  const t = buildTemplate(ctx, roomId, spec);
  return submitSignedLocal(ctx, t.rules, roomId, signLocal(ctx, t.rules, t.event));
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
