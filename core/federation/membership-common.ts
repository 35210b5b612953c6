// What the membership endpoints share (server-server-api §Joining Rooms, §Knocking, §Leaving Rooms, §Server ACLs):
// the room lookup, the ACL check, the `ver` list, and the validation of a signed membership event sent back to us.
import type { ServerContext } from '../context.ts';
import type { Request } from '../http/route.ts';
import type { RoomRecord } from '../rooms/room-data.ts';
import type { RoomVersionRules } from '../matrix/room-versions.ts';
import type { Pdu } from '../matrix/pdu.ts';
import type { JsonObject } from '../matrix/signing.ts';
import { Errcode, MatrixError, badJson, forbidden, invalidParam, notFound } from '../matrix/errors.ts';
import { parseUserId, serverNameOf } from '../matrix/ids.ts';
import { serverAcl } from '../matrix/server-acl.ts';
import { checkFormat } from '../rooms/check-format.ts';
import { EMPTY_STATE } from '../slots/store.ts';
import { Outcome, type ReceiveResult } from '../rooms/outcome.ts';
import { hasJoinedMember } from '../outbound/room-servers.ts';

/**
 * The room, if we are resident in it: we hold its state and one of our users is joined (otherwise our state may
 * be stale, and we could not send the result to the room); 404 M_NOT_FOUND otherwise.
 */
export function residentRoom(ctx: ServerContext, roomId: string): RoomRecord {
  const room = ctx.engine.room(roomId);
  if (room === undefined || room.currentState === EMPTY_STATE) throw notFound(`unknown room ${roomId}`);
  if (!hasJoinedMember(ctx, room.currentState, ctx.serverName)) throw notFound(`this server is no longer in room ${roomId}`);
  return room;
}

/** §Server ACLs: a server denied by the room's current m.room.server_acl gets 403 M_FORBIDDEN. */
export function assertAclAllows(ctx: ServerContext, room: RoomRecord, origin: string): void {
  const id = ctx.engine.ctx.store().stateGet(room.currentState, 'm.room.server_acl', '');
  if (id === undefined) return;
  const content = ctx.engine.ctx.event(id)?.pdu.content;
  if (content !== undefined && !serverAcl(content).allows(origin)) throw forbidden(`server ${origin} is denied by the room's server ACL`);
}

/** make_join/make_knock/make_leave: the user must be a (valid) user of the requesting server. */
export function assertUserOfOrigin(userId: string, origin: string): void {
  const parts = parseUserId(userId);
  if (parts === undefined) throw invalidParam(`"${userId}" is not a valid user id`);
  if (parts.serverName !== origin) throw forbidden(`${userId} is not a user of ${origin}`);
}

/** The `ver` query parameters (repeatable); absent means ["1"] (joins-v1.yaml). */
export function offeredVersions(req: Request): string[] {
  const vers = req.query().getAll('ver');
  return vers.length === 0 ? ['1'] : vers;
}

/** 400 M_INCOMPATIBLE_ROOM_VERSION with the room's version (joins-v1.yaml, invites-v2.yaml). */
export function incompatibleVersion(version: string, message = `the room has version ${version}, which the requesting server does not support`): MatrixError {
  return new MatrixError(400, Errcode.INCOMPATIBLE_ROOM_VERSION, message, { room_version: version });
}

export interface MembershipEventCheck {
  readonly roomId: string;
  /** The event id from the path. */
  readonly eventId: string;
  readonly origin: string;
  /** The membership the endpoint takes: join, leave or knock. */
  readonly membership: string;
}

/**
 * The validation the send_join/send_leave/send_knock descriptions require before anything else (v1.18): a valid
 * PDU of the room's version (400 M_BAD_JSON), whose id is the path's, of type m.room.member with that
 * membership, state_key = sender, sender on the origin server (400 M_INVALID_PARAM). Signatures are checked after
 * (a restricted join is co-signed by us first): see `assertVerifies`. Returns the PDU without `unsigned`.
 */
export function membershipEvent(ctx: ServerContext, rules: RoomVersionRules, body: unknown, c: MembershipEventCheck): JsonObject {
  const f = checkFormat(ctx.slots.json, rules, body, c.roomId);
  if (!f.ok) throw badJson(`not a valid event of room version ${rules.id}: ${f.reason}`);
  const pdu: Pdu = f.value.pdu;
  if (f.value.eventId !== c.eventId) throw invalidParam(`the event's id is ${f.value.eventId}, not ${c.eventId}`);
  if (pdu.type !== 'm.room.member') throw invalidParam(`the event's type is ${pdu.type}, not m.room.member`);
  if (pdu.content['membership'] !== c.membership) throw invalidParam(`the event's membership is not ${c.membership}`);
  if (pdu.state_key !== pdu.sender) throw invalidParam('the event\'s state_key is not its sender');
  if (serverNameOf(pdu.sender) !== c.origin) throw invalidParam(`the sender ${pdu.sender} is not a user of ${c.origin}`);
  return pdu;
}

/** Receipt checks 2–3 on a membership event: its signatures (400 M_INVALID_PARAM) and its content hash. */
export async function assertVerifies(ctx: ServerContext, rules: RoomVersionRules, roomId: string, event: JsonObject): Promise<void> {
  const v = await ctx.engine.verify(rules, roomId, event);
  if (!v.ok) throw invalidParam(`the event does not verify: ${v.reason}`);
  if (v.redactedOnReceipt) throw invalidParam('the event\'s content hash does not match');
}

/** Runs the event through the receipt pipeline; anything but accepted is refused with 403 and the reason. */
export async function admitMembership(ctx: ServerContext, roomId: string, event: JsonObject): Promise<ReceiveResult> {
  const [r] = await ctx.engine.receive(roomId, [event]);
  if (r === undefined || r.outcome !== Outcome.ACCEPTED) {
    const why = r === undefined ? 'not processed' : `${r.outcome}${r.reason === undefined ? '' : `: ${r.reason}`}`;
    if (r?.outcome === Outcome.DROPPED) throw invalidParam(`the event was dropped: ${why}`);
    throw forbidden(`the event was not accepted (${why})`);
  }
  return r;
}
