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
  const add = (type: string, stateKey: string): void => {
    for (const [t, k] of out) if (t === type && k === stateKey) return;
    out.push([type, stateKey]);
  };
  if (rules.createInAuthEvents) add('m.room.create', '');
  add('m.room.power_levels', '');
  add('m.room.member', pdu.sender);
  if (pdu.type !== 'm.room.member') return out;

  const c = pdu.content;
  if (typeof pdu.state_key === 'string') add('m.room.member', pdu.state_key);
  const membership = c['membership'];
  if (membership === 'join' || membership === 'invite' || membership === 'knock') add('m.room.join_rules', '');
  if (membership === 'invite' && isPlainObject(c['third_party_invite'])) {
    const signed = c['third_party_invite']['signed'];
    if (isPlainObject(signed) && typeof signed['token'] === 'string') add('m.room.third_party_invite', signed['token']);
  }
  if (membership === 'join' && rules.restrictedJoins) {
    const via = c['join_authorised_via_users_server'];
    if (typeof via === 'string') add('m.room.member', via);
  }
  return out;
}
