// Inviting a user of another server (server-server-api §Inviting to a room, we are the inviting server): build
// and sign the invite, PUT /v2/invite to the invitee's server with the stripped state, check its signature on
// the returned event, then store the invite like any of our events and send it to the room's servers.
import type { ServerContext } from '../context.ts';
import { Errcode, MatrixError, forbidden } from '../matrix/errors.ts';
import { verifyEventSignature } from '../matrix/event-hash.ts';
import { computeEventId } from '../matrix/event-id.ts';
import { serverNameOf } from '../matrix/ids.ts';
import type { JsonObject } from '../matrix/signing.ts';
import { strippedStatePdus } from '../federation/stripped-state.ts';
import { path } from './path.ts';
import { remoteError } from './remote-error.ts';
import { queueToRoom } from './room-servers.ts';

const INVITE_TIMEOUT_MS = 60_000;

/** `sender` (ours, in the room) invites `target` (on another server); resolves to the invite's event id once durable. */
export async function remoteInvite(ctx: ServerContext, roomId: string, sender: string, target: string, extraContent: Record<string, unknown> = {}): Promise<string> {
  const engine = ctx.engine;
  const targetServer = serverNameOf(target)!;
  const t = engine.template(roomId, { type: 'm.room.member', stateKey: target, sender, content: { ...extraContent, membership: 'invite' } });
  const allowed = engine.authorizeTemplate(t);
  if (!allowed.ok) throw forbidden(`${sender} may not invite ${target}: ${allowed.reason}`);
  const rules = t.rules;
  const event = engine.signTemplate(t);
  const eventId = computeEventId(ctx.slots.json, event, rules);
  const room = engine.room(roomId)!;

  let returned: unknown;
  try {
    const res = await ctx.client.put<{ event?: unknown }>(targetServer, path`/_matrix/federation/v2/invite/${roomId}/${eventId}`, {
      room_version: room.version,
      event,
      invite_room_state: strippedStatePdus(ctx, t.stateBefore, [sender]),
    }, { timeoutMs: INVITE_TIMEOUT_MS });
    returned = res?.event;
  } catch (e) {
    throw remoteError(e, `inviting ${target}`);
  }
  // Keep our event; take only the invitee server's signatures, once they verify on it.
  const theirs = (returned as { signatures?: Record<string, unknown> } | undefined)?.signatures?.[targetServer];
  if (typeof theirs !== 'object' || theirs === null) throw new MatrixError(502, Errcode.UNKNOWN, `${targetServer} returned the invite without its signature`);
  if (computeEventId(ctx.slots.json, returned as JsonObject, rules) !== eventId) throw new MatrixError(502, Errcode.UNKNOWN, `${targetServer} returned another event`);
  const signatures = { ...(event.signatures as Record<string, unknown>), [targetServer]: theirs };
  const cosigned: JsonObject = { ...event, signatures };
  const keys = new Map<string, Uint8Array>();
  for (const keyId of Object.keys(theirs)) {
    const key = await Promise.resolve(ctx.keyring.eventKey(targetServer, keyId, event.origin_server_ts as number, rules.enforceKeyValidity)).catch(() => undefined);
    if (key !== undefined) keys.set(keyId, key);
  }
  const check = verifyEventSignature(ctx.slots.json, ctx.slots.signer, cosigned, rules.redaction, targetServer, (k) => keys.get(k));
  if (!check.ok) throw new MatrixError(502, Errcode.UNKNOWN, `${targetServer}'s signature on the invite does not hold: ${check.reason}`);

  const id = engine.submitSigned(roomId, cosigned);
  queueToRoom(ctx, roomId, id);
  await ctx.data.commit();
  return id;
}
