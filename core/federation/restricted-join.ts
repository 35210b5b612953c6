// Restricted rooms on the resident side (server-server-api §Restricted rooms; client-server-api §Restricted rooms;
// rooms/v8 auth rule 4.3.5): whether a joining user meets one of the join rule's `allow` conditions, and which of
// our users vouches for the join in `join_authorised_via_users_server`.
import type { ServerContext } from '../context.ts';
import type { RoomRecord } from '../rooms/room-data.ts';
import type { RoomVersionRules } from '../matrix/room-versions.ts';
import type { Event, Pdu } from '../matrix/pdu.ts';
import { AuthContext } from '../matrix/event-auth/auth-context.ts';
import { AuthRejection } from '../matrix/event-auth/result.ts';
import { Errcode, MatrixError, forbidden } from '../matrix/errors.ts';
import { serverNameOf } from '../matrix/ids.ts';
import { stateLookup } from '../rooms/evaluate.ts';
import { EMPTY_STATE } from '../slots/store.ts';

/** The authorising user for a join that needs one; undefined when the join needs none (not restricted, or the user is invited/joined). */
export function restrictedJoinAuthoriser(ctx: ServerContext, room: RoomRecord, rules: RoomVersionRules, userId: string): string | undefined {
  const lookup = stateLookup(ctx.engine.ctx, room.currentState);
  const create = lookup('m.room.create', '');
  if (create === undefined) return undefined;
  const dummy: Event = { eventId: '$restricted-join', pdu: { type: 'm.room.member', state_key: userId, sender: userId, content: { membership: 'join' } } as unknown as Pdu };
  const auth = new AuthContext(rules, dummy, lookup, create, {});
  const rule = auth.joinRule();
  const restricted = (rules.restrictedJoins && rule === 'restricted') || (rules.knockRestricted && rule === 'knock_restricted');
  if (!restricted) return undefined;
  const current = auth.membership(userId);
  if (current === 'join' || current === 'invite') return undefined;

  // The conditions: {type: m.room_membership, room_id} — the user must be joined to one of those rooms.
  const allow = lookup('m.room.join_rules', '')?.pdu.content['allow'];
  let known = 0;
  let met = false;
  for (const c of Array.isArray(allow) ? allow : []) {
    if (typeof c !== 'object' || c === null || c.type !== 'm.room_membership' || typeof c.room_id !== 'string') continue;
    const other = ctx.engine.room(c.room_id);
    if (other === undefined || other.currentState === EMPTY_STATE) continue;
    known++;
    const m = stateLookup(ctx.engine.ctx, other.currentState)('m.room.member', userId)?.pdu.content['membership'];
    if (m === 'join') met = true;
  }
  if (!met) {
    if (known === 0) throw new MatrixError(400, Errcode.UNABLE_TO_AUTHORISE_JOIN, 'this server cannot check any of the room\'s join conditions');
    throw forbidden(`${userId} meets none of the room's join conditions`);
  }
  // One of our joined users who may invite (auth rule 4.3.5.2); the most powerful, then by id.
  let best: { user: string; level: number } | undefined;
  for (const [, member, eventId] of ctx.engine.ctx.store().stateEntries(room.currentState, 'm.room.member')) {
    if (serverNameOf(member) !== ctx.serverName) continue;
    if (ctx.engine.ctx.event(eventId)?.pdu.content['membership'] !== 'join') continue;
    let level: number;
    try {
      level = auth.powerLevel(member);
      if (level < auth.levels.named('invite')) continue;
    } catch (e) {
      if (e instanceof AuthRejection) continue;
      throw e;
    }
    if (best === undefined || level > best.level || (level === best.level && member < best.user)) best = { user: member, level };
  }
  if (best === undefined) throw new MatrixError(400, Errcode.UNABLE_TO_GRANT_JOIN, 'no user of this server may invite to this room; try another server');
  return best.user;
}
