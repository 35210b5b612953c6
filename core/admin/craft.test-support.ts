// TEST SUPPORT ONLY: PDUs built and signed outside the engine's local-event path, as another server (or a
// misbehaving one of ours) would send them, for feeding to `ctx.engine.receive` in tests of the admin API.
import type { ServerContext } from '../context.ts';
import { authTypesFor } from '../matrix/event-auth/index.ts';
import { signEvent } from '../matrix/event-hash.ts';
import { computeEventId } from '../matrix/event-id.ts';
import type { Pdu } from '../matrix/pdu.ts';
import { roomVersion } from '../matrix/room-versions.ts';
import type { JsonObject, SigningKey } from '../matrix/signing.ts';

export interface CraftSpec {
  readonly type: string;
  readonly stateKey?: string;
  readonly sender: string;
  readonly content: Record<string, unknown>;
  /** Default: the room's forward extremities. */
  readonly prevEvents?: readonly string[];
  /** Default: chosen by the auth rules' selection from the current state. */
  readonly authEvents?: readonly string[];
  /** Default: one more than the deepest prev event we hold. */
  readonly depth?: number;
}

/** Builds, hashes and signs a PDU for `roomId` with `key` → {eventId, pdu}. */
export function craftPdu(ctx: ServerContext, roomId: string, spec: CraftSpec, key: SigningKey): { eventId: string; pdu: JsonObject } {
  const room = ctx.engine.room(roomId)!;
  const rules = roomVersion(room.version)!;
  const store = ctx.data.store();
  const prevEvents = [...(spec.prevEvents ?? room.extremities)];
  let depth = 0;
  for (const id of prevEvents) depth = Math.max(depth, store.get(id)?.depth ?? 0);
  const pdu: JsonObject = {
    room_id: roomId, type: spec.type, sender: spec.sender, content: spec.content,
    prev_events: prevEvents, auth_events: [], depth: spec.depth ?? depth + 1, origin_server_ts: Date.now(),
  };
  if (spec.stateKey !== undefined) pdu['state_key'] = spec.stateKey;
  if (spec.authEvents !== undefined) pdu['auth_events'] = [...spec.authEvents];
  else {
    const auth: string[] = [];
    for (const [type, stateKey] of authTypesFor(rules, pdu as Pdu)) {
      const id = store.stateGet(room.currentState, type, stateKey);
      if (id !== undefined) auth.push(id);
    }
    pdu['auth_events'] = auth;
  }
  const signed = signEvent(ctx.slots.json, ctx.slots.signer, pdu, rules.redaction, key);
  return { eventId: computeEventId(ctx.slots.json, signed, rules), pdu: signed };
}
