// Adding our signature to another server's event (server-server-api §Signing Events: the signature covers the
// redacted event): the invitee's server signs an invite, the resident signs a restricted join. The hashes are
// kept as they are, so the event id does not change.
import type { RoomVersionRules } from '../matrix/room-versions.ts';
import { redact } from '../matrix/redaction.ts';
import { signJson, type JsonObject } from '../matrix/signing.ts';
import type { EngineContext } from './engine-context.ts';

/** The event with our signature added beside the existing ones (a new object; `unsigned` is dropped). */
export function coSignEvent(ctx: EngineContext, rules: RoomVersionRules, event: JsonObject): JsonObject {
  const { unsigned: _unsigned, ...rest } = event;
  const signed = signJson(ctx.slots.json, ctx.slots.signer, redact(rest, rules.redaction), ctx.options.signingKey());
  return { ...rest, signatures: signed.signatures };
}
