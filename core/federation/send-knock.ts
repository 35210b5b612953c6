// PUT /_matrix/federation/v1/send_knock/{roomId}/{eventId} — server-server-api §Knocking upon a room (knocks.yaml)
import type { ServerContext } from '../context.ts';
import type { Route } from '../http/route.ts';
import { queueToRoom } from '../outbound/room-servers.ts';
import { objectBytes, pduArrayChunks } from './json-bytes.ts';
import { admitMembership, assertAclAllows, assertVerifies, membershipEvent, residentRoom } from './membership-common.ts';
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
      const [roomId, eventId] = req.params as [string, string];
      const origin = req.origin!;
      ctx.sender.wake(origin); // it is up: retry now what we owe it
      const room = residentRoom(ctx, roomId);
      assertAclAllows(ctx, room, origin);
      const rules = ctx.engine.ctx.rules(room);
      const event = membershipEvent(ctx, rules, req.json(), { roomId, eventId, origin, membership: 'knock' });
      await assertVerifies(ctx, rules, roomId, event);
      const result = await admitMembership(ctx, roomId, event);
      if (result.duplicate !== true) {
        queueToRoom(ctx, roomId, eventId, [origin]);
        await ctx.data.commit();
      }
      const state = ctx.engine.stateId(eventId, 'before');
      const ids = strippedStateIds(ctx, state);
      return { raw: objectBytes([['knock_room_state', { chunks: pduArrayChunks(ctx.engine.ctx.store(), ids) }]]) };
    },
  };
}
