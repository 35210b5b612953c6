// GET /_admin/rooms/{roomId}/state → [PDU…]: the room's current state events, each with its `event_id`.
import type { ServerContext } from '../context.ts';
import type { Route } from '../http/route.ts';
import { eventsArray } from './event-json.ts';
import { knownRoom } from './room-target.ts';

export function roomStateRoute(ctx: ServerContext): Route {
  return {
    method: 'GET', path: '/_admin/rooms/:room/state', auth: 'none',
    handle(req) {
      const room = knownRoom(ctx, req.params[0]!);
      const ids = [...ctx.data.store().stateEntries(room.currentState)].map(([, , id]) => id);
      return { raw: eventsArray(ctx, ids) };
    },
  };
}
