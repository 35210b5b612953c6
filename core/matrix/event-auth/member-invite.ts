// Auth rule 4.4 [v12: 5.4]: `m.room.member` with membership `invite`, including third-party invites
// (spec: rooms/v8–v12; v6–v7 number it 4.3).
import { NO_THIRD_PARTY_VERIFIER, type AuthContext } from './auth-context.ts';
import { isPlainObject } from './power-levels.ts';
import { ALLOW, deny, type AuthResult } from './result.ts';
import { thirdPartyPublicKeys } from './third-party-invite.ts';

export function checkInvite(ctx: AuthContext, target: string): AuthResult {
  const sender = ctx.pdu.sender;
  // 4.4.1 If content has a third_party_invite property: the invite stands or falls on it alone.
  if (ctx.pdu.content['third_party_invite'] !== undefined) return checkThirdPartyInvite(ctx, target);
  // 4.4.2 If the sender's current membership state is not join, reject.
  if (ctx.membership(sender) !== 'join') return deny('sender is not joined (rule 4.4.2)');
  // 4.4.3 If the target's current membership state is join or ban, reject.
  const current = ctx.membership(target);
  if (current === 'join' || current === 'ban') return deny(`cannot invite a user who is ${current} (rule 4.4.3)`);
  // 4.4.4 If the sender's PL ≥ the invite level, allow. 4.4.5 Otherwise, reject.
  if (ctx.powerLevel(sender) >= ctx.levels.named('invite')) return ALLOW;
  return deny('sender may not invite (rule 4.4.5)');
}

function checkThirdPartyInvite(ctx: AuthContext, target: string): AuthResult {
  // 4.4.1.1 If the target user is banned, reject.
  if (ctx.membership(target) === 'ban') return deny('target is banned (rule 4.4.1.1)');
  // 4.4.1.2 If content.third_party_invite does not have a signed property, reject.
  const tpi = ctx.pdu.content['third_party_invite'];
  const signed = isPlainObject(tpi) ? tpi['signed'] : undefined;
  if (!isPlainObject(signed)) return deny('third_party_invite has no signed object (rule 4.4.1.2)');
  // 4.4.1.3 If signed does not have mxid and token properties, reject.
  const { mxid, token } = signed;
  if (typeof mxid !== 'string' || typeof token !== 'string') return deny('signed lacks mxid or token (rule 4.4.1.3)');
  // 4.4.1.4 If mxid does not match state_key, reject.
  if (mxid !== target) return deny('signed.mxid does not match state_key (rule 4.4.1.4)');
  // 4.4.1.5 If there is no m.room.third_party_invite event in the current state with state_key = token, reject.
  const invite = ctx.state('m.room.third_party_invite', token);
  if (invite === undefined) return deny('no m.room.third_party_invite for this token (rule 4.4.1.5)');
  // 4.4.1.6 If sender does not match the sender of the m.room.third_party_invite, reject.
  if (invite.pdu.sender !== ctx.pdu.sender) return deny('sender differs from the third-party invite sender (rule 4.4.1.6)');
  // 4.4.1.7 If any signature in signed matches any public key in the m.room.third_party_invite event,
  // allow (keys: `public_key` and `public_keys[].public_key`). 4.4.1.8 Otherwise, reject.
  const verify = ctx.options.verifyThirdPartySignature;
  if (verify === undefined) return deny(`${NO_THIRD_PARTY_VERIFIER} (rule 4.4.1.7)`);
  if (verify(signed, thirdPartyPublicKeys(invite.pdu.content))) return ALLOW;
  return deny('no signature in signed matches a public key of the invite (rule 4.4.1.8)');
}
