// GET /_admin/events/{eventId} → {event_id, room_id, status, reason, pdu}
// Any event we hold, whatever its fate: status "accepted" | "rejected" | "soft_failed" | "outlier", and the
// reason the receipt checks recorded (prefixed by the check that decided: auth_events / state_before /
// current_state / awaiting …), null when accepted. `pdu` is the stored form (the redacted one once redacted).
import type { ServerContext } from '../context.ts';
import type { Route } from '../http/route.ts';
import { notFound } from '../matrix/errors.ts';
import { outcomeOf } from '../rooms/outcome.ts';
import { objectOf } from './event-json.ts';

export function getEventRoute(ctx: ServerContext): Route {
  return {
    method: 'GET', path: '/_admin/events/:event', auth: 'none',
    handle(req) {
      const id = req.params[0]!;
      const store = ctx.data.store();
      const e = store.get(id);
      const bytes = store.bytes(id);
      if (e === undefined || bytes === undefined) throw notFound(`unknown event ${id}`);
      return {
        raw: objectOf([
          ['event_id', JSON.stringify(id)],
          ['room_id', JSON.stringify(e.roomId)],
          ['status', JSON.stringify(outcomeOf(e.status))],
          ['reason', JSON.stringify(e.reason)],
          ['pdu', bytes],
        ]),
      };
    },
  };
}
