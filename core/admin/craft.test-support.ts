// TEST SUPPORT ONLY: PDUs built and signed outside the engine's local-event path, as another server (or a
// misbehaving one of ours) would send them, for feeding to `ctx.engine.receive` in tests of the admin API.
import type { ServerContext } from '../context.ts';
import { signEvent } from '../matrix/event-hash.ts';
import { computeEventId } from '../matrix/event-id.ts';
import { pduSkeleton, type PduSpec } from '../rooms/testing/pdu-skeleton.ts';
import { roomVersion } from '../matrix/room-versions.ts';
import type { JsonObject, SigningKey } from '../matrix/signing.ts';

/** What to craft: a PduSpec (rooms/testing/pdu-skeleton.ts). */
export type CraftSpec = PduSpec;

/** Builds, hashes and signs a PDU for `roomId` with `key` → {eventId, pdu}. */
export function craftPdu(ctx: ServerContext, roomId: string, spec: CraftSpec, key: SigningKey): { eventId: string; pdu: JsonObject } {
  const room = ctx.engine.room(roomId)!;
  const rules = roomVersion(room.version)!;
  const pdu = pduSkeleton(room, ctx.data.store(), rules, spec, Date.now());
  const signed = signEvent(ctx.slots.json, ctx.slots.signer, pdu, rules.redaction, key);
  return { eventId: computeEventId(ctx.slots.json, signed, rules), pdu: signed };
}
