// PUT /_matrix/federation/v1/send_knock/{roomId}/{eventId} — server-server-api §Knocking upon a room (knocks.yaml)
import type { ServerContext } from '../context.ts';
import type { Route } from '../http/route.ts';
import { objectBytes, pduArrayChunks } from './json-bytes.ts';
import { receiveMembership } from './receive-membership.ts';
import { strippedStateIds } from './stripped-state.ts';

/**
 * Validates the signed knock (v1.18 rules), accepts it (403 otherwise: the auth rules check the join rule),
 * queues it to the room's servers, and answers `knock_room_state`: the stripped state as full PDUs (MSC4311),
 * from stored bytes.
 */
export function sendKnockRoute(ctx: ServerContext): Route {
  return {
    method: 'PUT',
    path: '/_matrix/federation/v1/send_knock/:roomId/:eventId',
    auth: 'x-matrix',
    maxBody: 256 * 1024,
    async handle(req) {
      const { eventId } = await receiveMembership(ctx, req, 'knock');
      const state = ctx.engine.stateId(eventId, 'before');
      const ids = strippedStateIds(ctx, state);
      return { raw: objectBytes([['knock_room_state', { chunks: pduArrayChunks(ctx.engine.ctx.store(), ids) }]]) };
    },
  };
}
