// PUT /_matrix/federation/v2/invite/{roomId}/{eventId} — server-server-api §Inviting to a room (invites-v2.yaml)
import type { ServerContext } from '../context.ts';
import type { Route } from '../http/route.ts';
import type { JsonObject } from '../matrix/signing.ts';
import type { RoomVersionRules } from '../matrix/room-versions.ts';
import { roomVersion } from '../matrix/room-versions.ts';
import { badJson, invalidParam } from '../matrix/errors.ts';
import { parseUserId, serverNameOf } from '../matrix/ids.ts';
import { checkFormat } from '../rooms/check-format.ts';
import { EMPTY_STATE } from '../slots/store.ts';
import { assertAclAllows, assertVerifies, incompatibleVersion } from './membership-common.ts';

/** The invite event plus up to ~20 stripped-state PDUs. */
const MAX_BODY = 2 * 1024 * 1024;

/**
 * We are the invitee's server. Validation (v1.19: 400 M_INVALID_PARAM): the event is a valid PDU of the room
 * version (M_BAD_JSON otherwise) with the path's event id, an m.room.member invite sent by a user of the origin
 * server, for a user of ours, signed by the origin; `invite_room_state` must hold the create event and only
 * valid, signed PDUs of this room — enforced for room v12, not checked for older versions (the spec's MAY).
 * Unsupported room version: 400 M_INCOMPATIBLE_ROOM_VERSION. A room we are in applies its server ACL.
 * The target may be any valid local user id (users are created on first use, as through the admin API).
 * We add our signature, remember the invite for the admin API (journaled), and return the event.
 */
export function inviteRoute(ctx: ServerContext): Route {
  return {
    method: 'PUT',
    path: '/_matrix/federation/v2/invite/:roomId/:eventId',
    auth: 'x-matrix',
    maxBody: MAX_BODY,
    async handle(req) {
      const [roomId, eventId] = req.params as [string, string];
      const origin = req.origin!;
      ctx.sender.wake(origin); // it is up: retry now what we owe it
      const body = req.json();
      const version = body['room_version'];
      if (typeof version !== 'string') throw invalidParam('room_version must be a string');
      const rules = roomVersion(version);
      if (rules === undefined) throw incompatibleVersion(version, `room version ${version} is not supported by this server`);
      const event = inviteEvent(ctx, rules, body['event'], roomId, eventId, origin);
      const target = event.state_key as string;

      const room = ctx.engine.room(roomId);
      if (room !== undefined && room.currentState !== EMPTY_STATE) assertAclAllows(ctx, room, origin);
      await assertVerifies(ctx, rules, roomId, event);
      const strippedState = await inviteRoomState(ctx, rules, roomId, body['invite_room_state']);

      ctx.directory.ensureUser(target);
      const signed = ctx.engine.coSign(rules, event);
      ctx.directory.addInvite(target, {
        room_id: roomId, event_id: eventId, sender: event.sender as string, room_version: version,
        event: signed, invite_room_state: strippedState, received_ts: Date.now(),
      });
      await ctx.data.commit();
      return { json: { event: signed } };
    },
  };
}

function inviteEvent(ctx: ServerContext, rules: RoomVersionRules, value: unknown, roomId: string, eventId: string, origin: string): JsonObject {
  const f = checkFormat(ctx.slots.json, rules, value, roomId);
  if (!f.ok) throw badJson(`event: not a valid event of room version ${rules.id}: ${f.reason}`);
  const pdu = f.value.pdu;
  if (f.value.eventId !== eventId) throw invalidParam(`the event's id is ${f.value.eventId}, not ${eventId}`);
  if (pdu.type !== 'm.room.member') throw invalidParam(`the event's type is ${pdu.type}, not m.room.member`);
  if (pdu.content['membership'] !== 'invite') throw invalidParam('the event\'s membership is not invite');
  if (serverNameOf(pdu.sender) !== origin) throw invalidParam(`the sender ${pdu.sender} is not a user of ${origin}`);
  const target = typeof pdu.state_key === 'string' ? parseUserId(pdu.state_key) : undefined;
  if (target === undefined || target.serverName !== ctx.serverName) throw invalidParam(`the invited user ${String(pdu.state_key)} is not a user of ${ctx.serverName}`);
  return pdu;
}

/** A full PDU (MSC4311) rather than a stripped event (only sender, type, state_key, content). */
function looksLikePdu(e: Record<string, unknown>): boolean {
  return Object.hasOwn(e, 'signatures') || Object.hasOwn(e, 'hashes') || Object.hasOwn(e, 'auth_events');
}

/**
 * The stripped state to keep. Room v12 (MSC4311): the create event must be there as a full PDU of this room that
 * verifies, and every other full PDU must verify too; stripped entries beside it are kept, as Synapse (up to at
 * least 1.160) sends them with only the create event in full. Older versions: not checked (the spec's MAY).
 */
async function inviteRoomState(ctx: ServerContext, rules: RoomVersionRules, roomId: string, value: unknown): Promise<unknown[]> {
  if (value === undefined) {
    if (rules.roomIdFromCreateEvent) throw invalidParam('invite_room_state must contain the m.room.create event');
    return [];
  }
  if (!Array.isArray(value)) throw invalidParam('invite_room_state must be an array');
  const entries = value.filter((e): e is Record<string, unknown> => typeof e === 'object' && e !== null && !Array.isArray(e));
  if (!rules.roomIdFromCreateEvent) return entries;
  let create = false;
  for (const [i, e] of entries.entries()) {
    if (!looksLikePdu(e)) continue;
    const c = await ctx.engine.verify(rules, roomId, e);
    if (!c.ok) throw invalidParam(`invite_room_state[${i}] is not a valid event of this room: ${c.reason}`);
    if (c.redactedOnReceipt) throw invalidParam(`invite_room_state[${i}]: its content hash does not match`);
    if (c.pdu.type === 'm.room.create' && c.pdu.state_key === '') create = true;
  }
  if (!create) throw invalidParam('invite_room_state must contain the m.room.create event of the room, as a full PDU');
  return entries;
}
