// GET /_matrix/federation/v1/timestamp_to_event/{roomId}?ts=&dir=f|b — server-server-api §Timestamp to event
// (events.yaml lists accessToken security by mistake; peers send it signed, as for every federation endpoint)
import type { ServerContext } from '../context.ts';
import type { Route } from '../http/route.ts';
import { invalidParam, notFound } from '../matrix/errors.ts';
import { EventStatus } from '../slots/store.ts';
import { intParam, stringParam } from './query-params.ts';
import type { RoomAccess } from './room-access.ts';

/**
 * `{event_id, origin_server_ts}` of the accepted event closest to `ts`: the first at or after it (`dir=f`) or
 * the last at or before it (`dir=b`); ties go to the earliest received (f) or the latest received (b).
 * Events the requester may not see by history visibility are skipped (there is nothing to redact in an id).
 * 404 M_NOT_FOUND when there is none. Like Synapse, only the ACL is checked, not membership.
 * Trade-off: a scan of the room's events (no timestamp index); fine for the rare use this endpoint has.
 */
export function timestampToEventRoute(ctx: ServerContext, access: RoomAccess): Route {
  return {
    method: 'GET',
    path: '/_matrix/federation/v1/timestamp_to_event/:roomId',
    auth: 'x-matrix',
    handle(req) {
      const roomId = req.params[0]!;
      const origin = req.origin!;
      const ts = intParam(req, 'ts');
      const dir = stringParam(req, 'dir');
      if (dir !== 'f' && dir !== 'b') throw invalidParam('dir must be "f" or "b"');
      const room = access.room(roomId);
      access.assertAcl(room, origin);
      let best: { id: string; ts: number } | undefined;
      for (const e of ctx.data.store().roomEvents(roomId)) {
        if (e.status !== EventStatus.ACCEPTED) continue;
        const t = e.originServerTs;
        const better = dir === 'f'
          ? t >= ts && (best === undefined || t < best.ts)
          : t <= ts && (best === undefined || t >= best.ts);
        if (better && access.visible(e.eventId, origin)) best = { id: e.eventId, ts: t };
      }
      if (best === undefined) throw notFound(`no event ${dir === 'f' ? 'at or after' : 'at or before'} ${ts} in ${roomId}`);
      return { json: { event_id: best.id, origin_server_ts: best.ts } };
    },
  };
}
