// GET /_admin/rooms → [{room_id, room_version, members, servers, events}]
// Every room we hold: `members` = number of joined members and `servers` = the servers they are on (current
// state), `events` = number of events stored for the room (every status, outliers included).
import type { ServerContext } from '../context.ts';
import type { Route } from '../http/route.ts';
import { membershipAt } from './room-members.ts';

export function listRoomsRoute(ctx: ServerContext): Route {
  return {
    method: 'GET', path: '/_admin/rooms', auth: 'none',
    handle() {
      const store = ctx.data.store();
      const rooms = [...ctx.data.rooms()].map((r) => {
        const m = membershipAt(ctx, r.currentState);
        return { room_id: r.roomId, room_version: r.version, members: m.joined.length, servers: m.servers, events: store.roomEventCount(r.roomId) };
      });
      return { json: rooms };
    },
  };
}
