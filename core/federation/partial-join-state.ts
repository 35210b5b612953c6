// The reduced send_join answer a joining server may ask for with `omit_members=true` (server-server-api §Joining
// Rooms, PUT /v2/send_join: MSC3706, spec v1.6): the state without m.room.member events, except the "heroes"
// when the room has neither a name nor a canonical alias, so the joining server can still name the room.
import type { RoomEngine } from '../rooms/room-engine.ts';
import type { StateEntry } from '../rooms/state-reads.ts';

/** The client-server room summary's m.heroes: at most this many members. */
const HEROES = 5;
const MEMBER = 'm.room.member';

/**
 * The state event ids to answer with: every non-member event, plus the member events of the heroes when the
 * room has no `m.room.name` and no `m.room.canonical_alias`. Heroes are the first five joined or invited members
 * other than the joining user, in the order their membership events entered the room (by depth, then id: our
 * stand-in for the client-server API's stream ordering).
 */
export function partialJoinState(engine: RoomEngine, state: readonly StateEntry[], joiningUser: string): string[] {
  const out: string[] = [];
  const members: StateEntry[] = [];
  let named = false;
  for (const entry of state) {
    const [type] = entry;
    if (type === MEMBER) members.push(entry);
    else out.push(entry[2]);
    if (type === 'm.room.name' || type === 'm.room.canonical_alias') named = true;
  }
  if (named) return out;
  const store = engine.ctx.store();
  const depth = (id: string) => store.get(id)?.depth ?? 0;
  const ordered = members.filter(([, stateKey]) => stateKey !== joiningUser)
    .sort((a, b) => depth(a[2]) - depth(b[2]) || (a[2] < b[2] ? -1 : a[2] > b[2] ? 1 : 0));
  let heroes = 0;
  for (const [, , id] of ordered) {
    if (heroes === HEROES) break;
    const membership = engine.event(id)?.pdu.content['membership'];
    if (membership === 'join' || membership === 'invite') {
      out.push(id);
      heroes++;
    }
  }
  return out;
}
