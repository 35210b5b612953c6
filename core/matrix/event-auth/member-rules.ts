// Auth rule 4 [v12: 5]: `m.room.member` (spec: rooms/v8–v11 rules 4.1–4.8, rooms/v12 5.1–5.8).
// Step numbers are v8–v11's, v12's in brackets. Rooms v6–v7 have no 4.2, so their 4.3–4.8 are numbered 4.2–4.7.
import type { AuthContext } from './auth-context.ts';
import { ALLOW, deny, type AuthResult } from './result.ts';
import { domainOf, isValidUserId } from './user-id.ts';
import { checkJoin } from './member-join.ts';
import { checkInvite } from './member-invite.ts';

export function checkMember(ctx: AuthContext): AuthResult {
  const { pdu, rules } = ctx;
  // 4.1 [5.1] If there is no state_key property, or no membership property in content, reject.
  const target = pdu.state_key;
  if (typeof target !== 'string') return deny('m.room.member has no state_key (rule 4.1)');
  if (!Object.hasOwn(pdu.content, 'membership')) return deny('m.room.member content has no membership (rule 4.1)');

  // [v8+] 4.2 [5.2] If content has a join_authorised_via_users_server key: if the event is not validly signed
  // by the homeserver of that user, reject. Signatures were verified on receipt (checks 2, "signatures"), so
  // here a signature block from that server must be present; the receipt pipeline must therefore treat that
  // server as a required signer. A null value is treated as absent.
  if (rules.restrictedJoins) {
    const via = pdu.content['join_authorised_via_users_server'];
    if (via !== undefined && via !== null) {
      if (!isValidUserId(via)) return deny('join_authorised_via_users_server is not a user id (rule 4.2)');
      const block = pdu.signatures[domainOf(via)];
      if (block === undefined || Object.keys(block).length === 0) {
        return deny("event is not signed by join_authorised_via_users_server's server (rule 4.2)");
      }
    }
  }

  switch (pdu.content['membership']) {
    case 'join': return checkJoin(ctx, target); // 4.3 [5.3]
    case 'invite': return checkInvite(ctx, target); // 4.4 [5.4]
    case 'leave': return checkLeave(ctx, target); // 4.5 [5.5]
    case 'ban': return checkBan(ctx, target); // 4.6 [5.6]
    case 'knock': if (rules.knocking) return checkKnock(ctx, target); // [v7+] 4.7 [5.7]
  }
  // 4.8 [5.8] Otherwise, the membership is unknown. Reject.
  return deny('unknown membership (rule 4.8)');
}

/** 4.5 [5.5] `leave`: leaving, rejecting an invite, retracting a knock, kicking, unbanning. */
function checkLeave(ctx: AuthContext, target: string): AuthResult {
  const sender = ctx.pdu.sender;
  const senderMembership = ctx.membership(sender);
  // 4.5.1 If the sender matches state_key, allow iff that user's current membership is invite or join
  // [v7+: or knock].
  if (sender === target) {
    const ok = senderMembership === 'invite' || senderMembership === 'join' || (ctx.rules.knocking && senderMembership === 'knock');
    return ok ? ALLOW : deny('can only leave from invite, join or knock (rule 4.5.1)');
  }
  // 4.5.2 If the sender's current membership state is not join, reject.
  if (senderMembership !== 'join') return deny('sender is not joined (rule 4.5.2)');
  // 4.5.3 If the target's current membership is ban, and the sender's PL is less than the ban level, reject.
  const senderLevel = ctx.powerLevel(sender);
  if (ctx.membership(target) === 'ban' && senderLevel < ctx.levels.named('ban')) {
    return deny('sender may not unban (rule 4.5.3)');
  }
  // 4.5.4 If the sender's PL ≥ kick level and the target's PL < the sender's, allow. 4.5.5 Otherwise, reject.
  if (senderLevel >= ctx.levels.named('kick') && ctx.powerLevel(target) < senderLevel) return ALLOW;
  return deny('sender may not kick this user (rule 4.5.5)');
}

/** 4.6 [5.6] `ban`. */
function checkBan(ctx: AuthContext, target: string): AuthResult {
  const sender = ctx.pdu.sender;
  // 4.6.1 If the sender's current membership state is not join, reject.
  if (ctx.membership(sender) !== 'join') return deny('sender is not joined (rule 4.6.1)');
  // 4.6.2 If the sender's PL ≥ ban level and the target's PL < the sender's, allow. 4.6.3 Otherwise, reject.
  const senderLevel = ctx.powerLevel(sender);
  if (senderLevel >= ctx.levels.named('ban') && ctx.powerLevel(target) < senderLevel) return ALLOW;
  return deny('sender may not ban this user (rule 4.6.3)');
}

/** [v7+] 4.7 [5.7] `knock`. */
function checkKnock(ctx: AuthContext, target: string): AuthResult {
  // 4.7.1 If the join_rule is anything other than knock [v10+: or knock_restricted], reject.
  const rule = ctx.joinRule();
  if (rule !== 'knock' && !(ctx.rules.knockRestricted && rule === 'knock_restricted')) {
    return deny('the join rule does not allow knocking (rule 4.7.1)');
  }
  // 4.7.2 If sender does not match state_key, reject.
  if (ctx.pdu.sender !== target) return deny('cannot knock on behalf of another user (rule 4.7.2)');
  // 4.7.3 If the sender's current membership is not ban, invite, or join, allow. 4.7.4 Otherwise, reject.
  const m = ctx.membership(target);
  if (m !== 'ban' && m !== 'invite' && m !== 'join') return ALLOW;
  return deny(`cannot knock while ${m} (rule 4.7.4)`);
}
