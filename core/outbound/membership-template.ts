// The first half of a membership handshake (server-server-api §Joining Rooms, §Knocking, §Leaving Rooms): ask a
// resident server for a template (GET /make_join, /make_knock, /make_leave), check it as the spec requires, fill
// in what the joining server adds, hash and sign it.
import type { ServerContext } from '../context.ts';
import { ROOM_VERSIONS, roomVersion, type RoomVersionRules } from '../matrix/room-versions.ts';
import { Errcode, MatrixError } from '../matrix/errors.ts';
import { signEvent } from '../matrix/event-hash.ts';
import type { JsonObject } from '../matrix/signing.ts';
import { checkFormat } from '../rooms/check-format.ts';
import { path } from './path.ts';

export type MembershipKind = 'join' | 'leave' | 'knock';

export interface SignedMembership {
  readonly server: string;
  readonly roomVersion: string;
  readonly rules: RoomVersionRules;
  /** Hashed and signed by us; ready for send_join/send_leave/send_knock. */
  readonly event: JsonObject;
  readonly eventId: string;
}

/** Every room version we support: the `ver` list of make_join and make_knock. */
export const SUPPORTED_VERSIONS: readonly string[] = [...ROOM_VERSIONS.keys()];

const TEMPLATE_TIMEOUT_MS = 30_000;

const badTemplate = (server: string, why: string) => new MatrixError(502, Errcode.UNKNOWN, `make_* answer from ${server} is malformed: ${why}`);

/**
 * GET /make_{kind}/{roomId}/{userId} from `server`, then: the room version must be one we support (400
 * M_INCOMPATIBLE_ROOM_VERSION); the template's room_id, sender, state_key, type and content.membership must be
 * the expected ones (v1.18: otherwise the answer is discarded); we set origin_server_ts (and origin, when the
 * template has one), add `extraContent` keys the template lacks (e.g. a reason), drop event_id/hashes/signatures/
 * unsigned, and hash and sign with our key.
 */
export async function makeMembershipEvent(
  ctx: ServerContext, server: string, kind: MembershipKind, roomId: string, userId: string, extraContent: Record<string, unknown> = {},
): Promise<SignedMembership> {
  const uri = path`/_matrix/federation/v1/make_${kind}/${roomId}/${userId}`;
  const res = await ctx.client.get<Record<string, unknown>>(server, uri, {
    ...(kind === 'leave' ? {} : { query: { ver: SUPPORTED_VERSIONS } }),
    timeoutMs: TEMPLATE_TIMEOUT_MS,
  });
  if (typeof res !== 'object' || res === null) throw badTemplate(server, 'not an object');
  const version = typeof res['room_version'] === 'string' ? res['room_version'] : '1';
  const rules = roomVersion(version);
  if (rules === undefined) throw new MatrixError(400, Errcode.INCOMPATIBLE_ROOM_VERSION, `room ${roomId} has version ${version}, which this server does not support`, { room_version: version });
  const t = res['event'];
  if (typeof t !== 'object' || t === null || Array.isArray(t)) throw badTemplate(server, 'no event template');
  const template = t as JsonObject;
  const content = template['content'];
  if (template['room_id'] !== roomId) throw badTemplate(server, `room_id is ${String(template['room_id'])}`);
  if (template['sender'] !== userId || template['state_key'] !== userId) throw badTemplate(server, 'sender or state_key is not the user');
  if (template['type'] !== 'm.room.member') throw badTemplate(server, 'type is not m.room.member');
  if (typeof content !== 'object' || content === null || (content as JsonObject)['membership'] !== kind) throw badTemplate(server, `membership is not ${kind}`);

  const { event_id: _id, hashes: _h, signatures: _s, unsigned: _u, ...rest } = template;
  const filled: JsonObject = { ...rest, content: { ...extraContent, ...(content as JsonObject) }, origin_server_ts: ctx.engine.ctx.now() };
  if (Object.hasOwn(rest, 'origin')) filled['origin'] = ctx.serverName;
  const event = signEvent(ctx.slots.json, ctx.slots.signer, filled, rules.redaction, ctx.serverKeys.signingKey);
  const f = checkFormat(ctx.slots.json, rules, event, roomId);
  if (!f.ok) throw badTemplate(server, f.reason);
  return { server, roomVersion: version, rules, event, eventId: f.value.eventId };
}
