// GET /_matrix/federation/v1/state/{roomId}?event_id= — server-server-api §Retrieving events (GET /state)
import type { ServerContext } from '../context.ts';
import type { Route } from '../http/route.ts';
import { ResponseBytes } from './response-bytes.ts';
import type { RoomAccess } from './room-access.ts';
import { stateIds, stateRequest } from './state-request.ts';

/**
 * `{pdus, auth_chain}`: the state before the event and the auth chain of its events, concatenated from stored
 * bytes. State and auth events are served whole (no history-visibility redaction, as Synapse): the requester is
 * in the room and needs them to authorise events.
 */
export function getStateRoute(ctx: ServerContext, access: RoomAccess): Route {
  return {
    method: 'GET',
    path: '/_matrix/federation/v1/state/:roomId',
    auth: 'x-matrix',
    handle(req) {
      const { state } = stateRequest(ctx, access, req);
      const store = ctx.data.store();
      const ids = stateIds(ctx, state);
      const chain = ctx.engine.authChain(ids);
      const bytesOf = function* (list: readonly string[]) {
        for (const id of list) {
          const b = store.bytes(id);
          if (b !== undefined) yield b;
        }
      };
      const raw = new ResponseBytes().text('{"pdus":').array(bytesOf(ids)).text(',"auth_chain":').array(bytesOf(chain)).text('}').finish();
      return { raw };
    },
  };
}
