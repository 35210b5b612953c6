// POST /_admin/rooms/{roomId}/send {user, type, content, state_key?, redacts?} → {event_id}
// Any event from a user of ours: a state event when `state_key` is present (even ''), else a timeline event.
// `redacts` (m.room.redaction) names the event redacted; the engine puts it where the room version wants it.
import type { ServerContext } from '../context.ts';
import type { Route } from '../http/route.ts';
import { invalidParam } from '../matrix/errors.ts';
import { bodyOf, localUser, optionalString, requireObject, requireString } from './admin-input.ts';
import { sendAndPublish } from './publish.ts';
import { knownRoom } from './room-target.ts';

export function sendRoute(ctx: ServerContext): Route {
  return {
    method: 'POST', path: '/_admin/rooms/:room/send', auth: 'none',
    async handle(req) {
      const body = bodyOf(req);
      const room = knownRoom(ctx, req.params[0]!);
      const sender = localUser(ctx, body, 'user', false);
      const type = requireString(body, 'type');
      const content = requireObject(body, 'content');
      const stateKey = optionalString(body, 'state_key');
      const redacts = optionalString(body, 'redacts');
      if (redacts !== undefined && type !== 'm.room.redaction') throw invalidParam('"redacts" is only for m.room.redaction events');
      const eventId = await sendAndPublish(ctx, room.roomId, {
        type, sender, content,
        ...(stateKey === undefined ? {} : { stateKey }),
        ...(redacts === undefined ? {} : { redacts }),
      });
      return { json: { event_id: eventId } };
    },
  };
}
