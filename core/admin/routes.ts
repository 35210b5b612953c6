// The /_admin API's route table (admin port, localhost only): local users act through it, since Fluctlight has
// no client-server API. One operation per file; this list is the map. JSON in, JSON out; errors are Matrix
// errors: unknown room/event 404 M_NOT_FOUND, a user not ours 400 M_INVALID_PARAM, a missing field 400
// M_MISSING_PARAM, a field of the wrong type 400 M_BAD_JSON, an event the auth rules refuse 403 M_FORBIDDEN.
// Calls that make an event answer once it is journaled and queued for the room's other servers.
//
//   POST /_admin/rooms                          {creator, room_version?, preset?, name?, topic?, alias?} → {room_id}
//   POST /_admin/rooms/{roomIdOrAlias}/join     {user, via?}                        → {room_id}
//   POST /_admin/rooms/{roomId}/send            {user, type, content, state_key?, redacts?} → {event_id}
//   POST /_admin/rooms/{roomId}/invite          {user, target}                      → {event_id}
//   POST /_admin/rooms/{roomId}/leave           {user}                              → {event_id} ({} for a declined remote invite)
//   POST /_admin/rooms/{roomId}/kick|ban|unban  {user, target, reason?}             → {event_id}
//   GET  /_admin/rooms                          → [{room_id, room_version, members, servers, events}]
//   GET  /_admin/rooms/{roomId}/state           → [PDU + event_id …]
//   GET  /_admin/rooms/{roomId}/messages?limit=&from= → {events: [PDU + event_id …] newest first, next}
//   GET  /_admin/events/{eventId}               → {event_id, room_id, status, reason, pdu}
//   GET  /_admin/invites?user=                  → [{room_id, event_id, sender, room_version, event, invite_room_state, received_ts}]
import type { ServerContext } from '../context.ts';
import type { Route } from '../http/route.ts';
import { createRoomRoute } from './create-room.ts';
import { getEventRoute } from './get-event.ts';
import { inviteRoute } from './invite-user.ts';
import { joinRoute } from './join-room.ts';
import { leaveRoute } from './leave-room.ts';
import { listInvitesRoute } from './list-invites.ts';
import { listRoomsRoute } from './list-rooms.ts';
import { moderationRoute } from './moderate.ts';
import { roomMessagesRoute } from './room-messages.ts';
import { roomStateRoute } from './room-state.ts';
import { sendRoute } from './send-event.ts';

export function adminRoutes(ctx: ServerContext): Route[] {
  return [
    createRoomRoute(ctx),
    listRoomsRoute(ctx),
    joinRoute(ctx),
    sendRoute(ctx),
    inviteRoute(ctx),
    leaveRoute(ctx),
    moderationRoute(ctx, 'kick'),
    moderationRoute(ctx, 'ban'),
    moderationRoute(ctx, 'unban'),
    roomStateRoute(ctx),
    roomMessagesRoute(ctx),
    getEventRoute(ctx),
    listInvitesRoute(ctx),
  ];
}
