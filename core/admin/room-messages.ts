// GET /_admin/rooms/{roomId}/messages?limit=&from= → {events: [PDU…], next: string | null}
// The timeline newest first: accepted events only (rejected, soft-failed and outlier events are not part of it),
// `limit` default 20, at most TIMELINE_MAX_LIMIT. `next` is the `from` of the next (older) page, null at the
// start of the room. Cursors are positions in the room's arrival order: stable while events are added.
import type { ServerContext } from '../context.ts';
import type { Route } from '../http/route.ts';
import { TIMELINE_MAX_LIMIT } from '../rooms/index.ts';
import { queryInt } from './admin-input.ts';
import { eventsArray, objectOf } from './event-json.ts';
import { knownRoom } from './room-target.ts';

export const DEFAULT_MESSAGES_LIMIT = 20;

export function roomMessagesRoute(ctx: ServerContext): Route {
  return {
    method: 'GET', path: '/_admin/rooms/:room/messages', auth: 'none',
    handle(req) {
      const room = knownRoom(ctx, req.params[0]!);
      const limit = Math.min(queryInt(req, 'limit', DEFAULT_MESSAGES_LIMIT, 1)!, TIMELINE_MAX_LIMIT);
      const from = queryInt(req, 'from', undefined);
      const page = ctx.engine.timeline(room.roomId, { limit, ...(from === undefined ? {} : { from }) });
      const events = eventsArray(ctx, page.events.map((e) => e.eventId));
      return { raw: objectOf([['events', events], ['next', page.next === null ? 'null' : JSON.stringify(String(page.next))]]) };
    },
  };
}
