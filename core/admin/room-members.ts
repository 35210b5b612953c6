// Who is in a room at a state: joined members and the servers they are on (server-server-api §Transactions:
// our events go to every other server with joined members). Cached per StateId, since states never change once
// made; a message reuses the state of the event before it, so sending costs no recount.
import type { ServerContext } from '../context.ts';
import { serverNameOf } from '../matrix/ids.ts';
import { BoundedMap } from '../rooms/bounded-map.ts';
import type { StateId } from '../slots/store.ts';

export interface Membership {
  /** Joined user ids. */
  readonly joined: readonly string[];
  /** The servers of the joined users, each once. */
  readonly servers: readonly string[];
}

const CACHE_SIZE = 1_024;
const caches = new WeakMap<ServerContext, BoundedMap<StateId, Membership>>();

export function membershipAt(ctx: ServerContext, state: StateId): Membership {
  let cache = caches.get(ctx);
  if (cache === undefined) caches.set(ctx, (cache = new BoundedMap(CACHE_SIZE)));
  const hit = cache.get(state);
  if (hit !== undefined) return hit;
  const joined: string[] = [];
  const servers = new Set<string>();
  for (const [, stateKey, id] of ctx.data.store().stateEntries(state, 'm.room.member')) {
    if (ctx.engine.ctx.event(id)?.pdu.content['membership'] !== 'join') continue;
    joined.push(stateKey);
    const server = serverNameOf(stateKey);
    if (server !== undefined) servers.add(server);
  }
  const m: Membership = { joined, servers: [...servers] };
  cache.set(state, m);
  return m;
}

/** The membership `userId` has in a state ('leave' when there is no member event). */
export function membershipOf(ctx: ServerContext, state: StateId, userId: string): string {
  const id = ctx.data.store().stateGet(state, 'm.room.member', userId);
  if (id === undefined) return 'leave';
  const m = ctx.engine.ctx.event(id)?.pdu.content['membership'];
  return typeof m === 'string' ? m : 'leave';
}

/** True when some user of ours is joined to the room in its current state (we are "in" the room). */
export function weAreJoined(ctx: ServerContext, roomId: string): boolean {
  const room = ctx.data.room(roomId);
  return room !== undefined && membershipAt(ctx, room.currentState).servers.includes(ctx.serverName);
}
