// GET /_matrix/federation/v1/state_ids/{roomId}?event_id= — server-server-api §Retrieving events (GET /state_ids)
import type { ServerContext } from '../context.ts';
import type { Route } from '../http/route.ts';
import type { RoomAccess } from './room-access.ts';
import { stateIds, stateRequest } from './state-request.ts';

/** `{pdu_ids, auth_chain_ids}`: the state before the event and the auth chain of that state's events. */
export function getStateIdsRoute(ctx: ServerContext, access: RoomAccess): Route {
  return {
    method: 'GET',
    path: '/_matrix/federation/v1/state_ids/:roomId',
    auth: 'x-matrix',
    handle(req) {
      const { state } = stateRequest(ctx, access, req);
      const pduIds = stateIds(ctx, state);
      return { json: { pdu_ids: pduIds, auth_chain_ids: ctx.engine.authChain(pduIds) } };
    },
  };
}
