// Federation endpoints that serve and receive room data: /send, events, state, backfill, queries.
import type { ServerContext } from '../context.ts';
import type { Route } from '../http/route.ts';
import { backfillRoute } from './backfill.ts';
import { eventAuthRoute } from './event-auth.ts';
import { getEventRoute } from './get-event.ts';
import { getMissingEventsRoute } from './get-missing-events.ts';
import { getStateIdsRoute } from './get-state-ids.ts';
import { getStateRoute } from './get-state.ts';
import { getPublicRoomsRoute, postPublicRoomsRoute } from './public-rooms.ts';
import { queryDirectoryRoute } from './query-directory.ts';
import { queryProfileRoute } from './query-profile.ts';
import { RoomAccess } from './room-access.ts';
import { sendTransactionRoute } from './send-transaction.ts';
import { timestampToEventRoute } from './timestamp-to-event.ts';

export function roomRoutes(ctx: ServerContext): Route[] {
  const access = new RoomAccess(ctx);
  return [
    sendTransactionRoute(ctx, access),
    getEventRoute(ctx, access),
    getStateRoute(ctx, access),
    getStateIdsRoute(ctx, access),
    backfillRoute(ctx, access),
    getMissingEventsRoute(ctx, access),
    eventAuthRoute(ctx, access),
    timestampToEventRoute(ctx, access),
    queryDirectoryRoute(ctx, access),
    queryProfileRoute(ctx),
    getPublicRoomsRoute(ctx, access),
    postPublicRoomsRoute(ctx, access),
  ];
}
