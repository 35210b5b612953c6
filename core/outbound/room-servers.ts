// The servers taking part in a room: those with at least one joined member in a room state (server-server-api
// §Joining Rooms: the resident "must also send the event to other servers participating in the room";
// send_join's `servers_in_room`: "the servers active in the room (ie, those with joined members)").
import type { ServerContext } from '../context.ts';
import type { StateId } from '../slots/store.ts';
import { serverNameOf } from '../matrix/ids.ts';

/** Servers with a joined member in `state` (sorted; ours included when we have one). */
export function joinedServers(ctx: Pick<ServerContext, 'engine'>, state: StateId): string[] {
  const engine = ctx.engine;
  const store = engine.ctx.store();
  const servers = new Set<string>();
  for (const [, userId, eventId] of store.stateEntries(state, 'm.room.member')) {
    const server = serverNameOf(userId);
    if (server === undefined || servers.has(server)) continue;
    if (engine.ctx.event(eventId)?.pdu.content['membership'] === 'join') servers.add(server);
  }
  return [...servers].sort();
}

/** Whether `server` has a joined member in `state` (stops at the first one found). */
export function hasJoinedMember(ctx: Pick<ServerContext, 'engine'>, state: StateId, server: string): boolean {
  const engine = ctx.engine;
  for (const [, userId, eventId] of engine.ctx.store().stateEntries(state, 'm.room.member')) {
    if (serverNameOf(userId) === server && engine.ctx.event(eventId)?.pdu.content['membership'] === 'join') return true;
  }
  return false;
}

/** The other servers in the room now (current state): where our events must be sent. */
export function otherServersInRoom(ctx: Pick<ServerContext, 'engine' | 'serverName'>, roomId: string): string[] {
  const room = ctx.engine.room(roomId);
  if (room === undefined) return [];
  return joinedServers(ctx, room.currentState).filter((s) => s !== ctx.serverName);
}

/** Queues one of our (or a resident-accepted) events to every other server in the room, except `skip`. */
export function queueToRoom(ctx: Pick<ServerContext, 'engine' | 'serverName' | 'sender'>, roomId: string, eventId: string, skip: readonly string[] = []): string[] {
  const dests = otherServersInRoom(ctx, roomId).filter((s) => !skip.includes(s));
  ctx.sender.queuePdu(eventId, dests);
  return dests;
}
