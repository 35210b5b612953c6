// Auth rule 4.3 [v12: 5.3]: `m.room.member` with membership `join` (spec: rooms/v8–v12; v6–v7 number it 4.2).
import type { AuthContext } from './auth-context.ts';
import { ALLOW, deny, type AuthResult } from './result.ts';

export function checkJoin(ctx: AuthContext, target: string): AuthResult {
  const { pdu, rules } = ctx;
  // 4.3.1 If the only previous event is an m.room.create and the state_key is the creator, allow.
  // ("The creator": content.creator in v1–v10; the create event's sender from v11.)
  // The spec does not require sender == state_key here (Synapse and ruma agree; gomatrixserverlib does not).
  if (pdu.prev_events.length === 1 && pdu.prev_events[0] === ctx.create.eventId && target === ctx.creator()) {
    return ALLOW;
  }
  // 4.3.2 If the sender does not match state_key, reject.
  if (pdu.sender !== target) return deny('cannot join on behalf of another user (rule 4.3.2)');
  // 4.3.3 If the sender is banned, reject.
  const current = ctx.membership(target);
  if (current === 'ban') return deny('sender is banned (rule 4.3.3)');

  const rule = ctx.joinRule();
  // 4.3.4 If the join_rule is invite [v7+: or knock] then allow if membership state is invite or join.
  // (Otherwise fall through: no later step allows these rules, so 4.3.7 rejects.)
  if (rule === 'invite' || (rules.knocking && rule === 'knock')) {
    if (current === 'invite' || current === 'join') return ALLOW;
    return deny('the room is invite-only and the sender is not invited (rule 4.3.4)');
  }
  // [v8+] 4.3.5 If the join_rule is restricted [v10+: or knock_restricted]:
  if ((rules.restrictedJoins && rule === 'restricted') || (rules.knockRestricted && rule === 'knock_restricted')) {
    // 4.3.5.1 If membership state is join or invite, allow.
    if (current === 'join' || current === 'invite') return ALLOW;
    // 4.3.5.2 If join_authorised_via_users_server is not a user with sufficient permission to invite
    // other users or is not a joined member of the room, reject. (v1.17: "sufficient permission to
    // invite" includes being joined.) 4.3.5.3 Otherwise, allow.
    const via = pdu.content['join_authorised_via_users_server'];
    if (typeof via !== 'string') return deny('restricted join without join_authorised_via_users_server (rule 4.3.5.2)');
    if (ctx.membership(via) !== 'join') return deny('join_authorised_via_users_server is not joined (rule 4.3.5.2)');
    if (ctx.powerLevel(via) < ctx.levels.named('invite')) {
      return deny('join_authorised_via_users_server may not invite (rule 4.3.5.2)');
    }
    return ALLOW;
  }
  // 4.3.6 If the join_rule is public, allow. 4.3.7 Otherwise, reject.
  if (rule === 'public') return ALLOW;
  return deny('the join rule does not allow this join (rule 4.3.7)');
}
