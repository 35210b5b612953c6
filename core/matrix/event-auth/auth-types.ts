// Auth events selection (spec: server-server-api §Auth events selection; rooms/v12 note on rule 3.2).
import type { RoomVersionRules } from '../room-versions.ts';
import type { Pdu } from '../pdu.ts';
import { isPlainObject } from './power-levels.ts';

/**
 * Which (type, state_key) pairs the auth rules need for this event, without duplicates:
 * - none for `m.room.create`;
 * - `m.room.create` (v1–v11 only: v12 derives it from the room id and forbids it in auth_events);
 * - the current `m.room.power_levels`; the sender's `m.room.member`;
 * - for `m.room.member`: the target's member event; `m.room.join_rules` if membership is join, invite or knock;
 *   for a third-party invite the `m.room.third_party_invite` whose state_key is `content.third_party_invite.signed.token`;
 *   for a join with `join_authorised_via_users_server` (v8+), that user's member event.
 * Parts of content that cannot be read (no string token, …) select nothing; the auth rules reject such events.
 */
export function authTypesFor(rules: RoomVersionRules, pdu: Pdu): Array<[string, string]> {
  if (pdu.type === 'm.room.create') return [];
  const out: Array<[string, string]> = [];
  if (rules.createInAuthEvents) add(out, 'm.room.create', '');
  add(out, 'm.room.power_levels', '');
  add(out, 'm.room.member', pdu.sender);
  if (pdu.type !== 'm.room.member') return out;

  const c = pdu.content;
  if (typeof pdu.state_key === 'string') add(out, 'm.room.member', pdu.state_key);
  const membership = c['membership'];
  if (membership === 'join' || membership === 'invite' || membership === 'knock') add(out, 'm.room.join_rules', '');
  if (membership === 'invite' && isPlainObject(c['third_party_invite'])) {
    const signed = c['third_party_invite']['signed'];
    if (isPlainObject(signed) && typeof signed['token'] === 'string') add(out, 'm.room.third_party_invite', signed['token']);
  }
  if (membership === 'join' && rules.restrictedJoins) {
    const via = c['join_authorised_via_users_server'];
    if (typeof via === 'string') add(out, 'm.room.member', via);
  }
  return out;
}

/** Adds a pair unless already there. (A module function, not a closure: see evaluate.ts on closures.) */
function add(out: Array<[string, string]>, type: string, stateKey: string): void {
  for (const [t, k] of out) if (t === type && k === stateKey) return;
  out.push([type, stateKey]);
}
