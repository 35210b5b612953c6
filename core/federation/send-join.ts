// PUT /_matrix/federation/v2/send_join/{roomId}/{eventId} — server-server-api §Joining Rooms (joins-v2.yaml)
import type { ServerContext } from '../context.ts';
import type { Route } from '../http/route.ts';
import type { JsonObject } from '../matrix/signing.ts';
import { serverNameOf } from '../matrix/ids.ts';
import { joinedServers, queueToRoom } from '../outbound/room-servers.ts';
import { objectBytes, pduArrayChunks } from './json-bytes.ts';
import { admitMembership, assertAclAllows, assertVerifies, membershipEvent, residentRoom } from './membership-common.ts';
import { restrictedJoinAuthoriser } from './restricted-join.ts';
import { partialJoinState } from './partial-join-state.ts';
import { boolParam } from './query-params.ts';

/** send_join bodies are one PDU (≤ 64 KiB canonical) plus slack for non-canonical spacing. */
const MAX_BODY = 256 * 1024;

/**
 * Validates the signed join (membershipEvent), co-signs a restricted join authorised by one of our users (after
 * re-checking the join conditions: the joining server chose the authoriser), runs it through the receipt checks
 * (403 unless accepted), then answers the state before the join and the auth chains, from stored bytes.
 * With `omit_members=true` the state leaves out member events (but the heroes', when the room has no name:
 * partial-join-state.ts) and the auth chain leaves out events already in the state; `members_omitted` says so and
 * `servers_in_room` lists who to ask for the rest. The join is queued to the room's other servers.
 */
export function sendJoinRoute(ctx: ServerContext): Route {
  return {
    method: 'PUT',
    path: '/_matrix/federation/v2/send_join/:roomId/:eventId',
    auth: 'x-matrix',
    maxBody: MAX_BODY,
    async handle(req) {
      const [roomId, eventId] = req.params as [string, string];
      const origin = req.origin!;
      const omitMembers = boolParam(req, 'omit_members');
      ctx.sender.wake(origin); // it is up: retry now what we owe it
      const room = residentRoom(ctx, roomId);
      assertAclAllows(ctx, room, origin);
      const rules = ctx.engine.ctx.rules(room);
      let event: JsonObject = membershipEvent(ctx, rules, req.json(), { roomId, eventId, origin, membership: 'join' });

      let coSigned = false;
      const via = (event.content as Record<string, unknown>)['join_authorised_via_users_server'];
      if (rules.restrictedJoins && typeof via === 'string' && serverNameOf(via) === ctx.serverName) {
        // The joining server chose the authoriser: re-check the join conditions before vouching (403/400 when
        // unmet). Whether `via` may invite is auth rule 4.3.5.2's to decide on receipt.
        restrictedJoinAuthoriser(ctx, room, rules, event.sender as string);
        event = ctx.engine.coSign(rules, event);
        coSigned = true;
      }
      await assertVerifies(ctx, rules, roomId, event);
      const result = await admitMembership(ctx, roomId, event);

      // The answer: the state before the join, every auth chain, from stored bytes.
      const engine = ctx.engine;
      const before = engine.stateId(eventId, 'before');
      const entries = engine.stateEntries(before);
      const stateIds = omitMembers ? partialJoinState(engine, entries, event.state_key as string) : entries.map(([, , id]) => id);
      let authIds = engine.authChain([eventId, ...stateIds]);
      if (omitMembers) {
        const inState = new Set(stateIds);
        authIds = authIds.filter((id) => !inState.has(id)); // "may be omitted from auth_chain"
      }
      const store = engine.ctx.store();
      const servers = joinedServers(ctx, before);
      if (result.duplicate !== true) {
        queueToRoom(ctx, roomId, eventId, [origin]);
        await ctx.data.commit();
      }
      const body = objectBytes([
        ['auth_chain', { chunks: pduArrayChunks(store, authIds) }],
        ...(coSigned ? [['event', { chunks: [store.bytes(eventId)!] }] as const] : []),
        ['members_omitted', { json: omitMembers }],
        ['origin', { json: ctx.serverName }],
        ['servers_in_room', { json: servers }],
        ['state', { chunks: pduArrayChunks(store, stateIds) }],
      ]);
      return { raw: body };
    },
  };
}
