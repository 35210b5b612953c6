// The room-state-dependent authorisation rules for room versions 6–12, as one pure function
// (spec: server-server-api §Authorisation rules; rooms/v6.md … v12.md "Authorisation rules").
//
// Step numbers in comments are those of rooms v8–v11; v12's are in brackets (v12 inserts rule 2, so its
// later rules are one higher). v6–v7 lack 4.2 (restricted joins) and v6–v9 lack 9.1–9.2 (integer-only
// power levels): their later sub-steps are numbered one or two lower. Not auth rules, so not here:
// server ACLs, redaction *application* (v3+: redactions are authorised like any event; "Handling
// redactions" decides whether to apply one), signature and hash checks (receipt checks 2–3).
import type { RoomVersionRules } from '../room-versions.ts';
import type { Event } from '../pdu.ts';
import { AuthContext, type AuthOptions, type StateLookup } from './auth-context.ts';
import { checkCreate } from './create-rules.ts';
import { checkMember } from './member-rules.ts';
import { checkPowerLevels } from './power-levels-rules.ts';
import { ALLOW, AuthRejection, deny, type AuthResult } from './result.ts';
import { domainOf } from './user-id.ts';

export type { AuthResult } from './result.ts';
export type { StateLookup, AuthOptions } from './auth-context.ts';
export { authTypesFor } from './auth-types.ts';

/**
 * Whether `event` is authorised against a room state. `state` answers for the state the event is checked
 * against (its auth events, the state before it, or the current state: receipt checks 4–6), and MUST
 * answer ('m.room.create', '') with the room's create event in every room version — in v12 too, where
 * the create event is not among auth_events. `create`, when given, is used instead of that lookup.
 * The state-independent rules on the event's own `auth_events` (rule 2 [2–3]) are `checkAuthEvents`.
 * Every signature on the event is assumed to have been verified already (receipt check 2).
 */
export function checkAuth(
  rules: RoomVersionRules,
  event: Event,
  state: StateLookup,
  create?: Event,
  options: AuthOptions = {},
): AuthResult {
  const pdu = event.pdu;
  // 1. If type is m.room.create: rules 1.1–1.5 decide.
  if (pdu.type === 'm.room.create') return checkCreate(rules, pdu);

  const createEvent = create ?? state('m.room.create', '');
  if (createEvent === undefined || createEvent.pdu.type !== 'm.room.create') return deny('no m.room.create in the state');
  if (rules.roomIdFromCreateEvent) {
    // [v12] 2. The room_id must be the create event's id with `!` for `$` (that it was accepted is the
    // caller's knowledge: see checkAuthEvents).
    if (pdu.room_id !== '!' + createEvent.eventId.slice(1)) return deny('room_id is not derived from the m.room.create event (rule 2)');
  } else if (pdu.room_id !== createEvent.pdu.room_id) {
    // Auth events must be in the event's room (2.5, MSC4307); a state holding another room's create is wrong.
    return deny('the m.room.create in the state belongs to another room (rule 2.5)');
  }

  // 3. [4.] If the create event's content has m.federate set to false and the sender's domain differs
  // from the create event sender's domain, reject.
  if (createEvent.pdu.content['m.federate'] === false && domainOf(pdu.sender) !== domainOf(createEvent.pdu.sender)) {
    return deny('the room is not federated (rule 3)');
  }

  const ctx = new AuthContext(rules, event, state, createEvent, options);
  try {
    return checkStateful(ctx);
  } catch (e) {
    if (e instanceof AuthRejection) return deny(e.reason);
    throw e;
  }
}

function checkStateful(ctx: AuthContext): AuthResult {
  const pdu = ctx.pdu;
  // 4. [5.] If type is m.room.member: rules 4.1–4.8 decide.
  if (pdu.type === 'm.room.member') return checkMember(ctx);

  // 5. [6.] If the sender's current membership state is not join, reject.
  if (ctx.membership(pdu.sender) !== 'join') return deny('sender is not joined (rule 5)');

  // 6. [7.] If type is m.room.third_party_invite: allow iff the sender's PL ≥ the invite level.
  const senderLevel = ctx.powerLevel(pdu.sender);
  if (pdu.type === 'm.room.third_party_invite') {
    return senderLevel >= ctx.levels.named('invite') ? ALLOW : deny('sender may not invite (rule 6)');
  }

  // 7. [8.] If the event type's required power level is greater than the sender's power level, reject.
  const stateKey = pdu.state_key;
  const isState = typeof stateKey === 'string';
  if (ctx.levels.eventLevel(pdu.type, isState) > senderLevel) return deny(`sender may not send ${pdu.type} (rule 7)`);

  // 8. [9.] If the event has a state_key that starts with an @ and does not match the sender, reject.
  if (isState && stateKey.startsWith('@') && stateKey !== pdu.sender) {
    return deny("state_key names another user (rule 8)");
  }

  // 9. [10.] If type is m.room.power_levels: rules 9.1–9.10 [10.1–10.11] decide.
  if (pdu.type === 'm.room.power_levels') return checkPowerLevels(ctx, senderLevel);

  // 10. [11.] Otherwise, allow.
  return ALLOW;
}
