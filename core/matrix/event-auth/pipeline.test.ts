// A room's life checked the way receipt checks 4 do it: auth events chosen with authTypesFor from the
// current state, checked with checkAuthEvents, then checkAuth against a lookup built from those auth events.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Event } from '../pdu.ts';
import { checkAuthEvents } from './auth-events.ts';
import { authTypesFor } from './auth-types.ts';
import { checkAuth, type AuthResult } from './check-auth.ts';
import { ALICE, ALL_VERSIONS, BOB, CHARLIE, makeEvent, rulesOf, type EventSpec } from './fixtures.ts';
import { stateLookupFrom } from './state-lookup.ts';

function lifeOfARoom(version: string) {
  const rules = rulesOf(version);
  const state = new Map<string, Event>();
  const byId = new Map<string, Event>();
  const roomId = rules.roomIdFromCreateEvent ? '!create' : '!room:a.test';
  let n = 0;
  let create: Event | undefined;

  /** Builds an event citing the current state's auth events, checks it, and applies it if allowed. */
  function send(spec: EventSpec): AuthResult {
    const draft = makeEvent(`$e${++n}`, spec, roomId);
    const authIds: string[] = [];
    for (const [t, k] of authTypesFor(rules, draft.pdu)) {
      const holder = state.get(`${t}|${k}`);
      if (holder !== undefined) authIds.push(holder.eventId);
    }
    const e = makeEvent(draft.eventId, { ...spec, auth_events: authIds }, roomId);
    const formal = checkAuthEvents(rules, e, (id) => {
      const event = byId.get(id);
      return event && { event, rejected: false };
    });
    if (!formal.ok) return formal;
    const authEvents = authIds.map((id) => byId.get(id)!);
    const lookup = stateLookupFrom(create === undefined ? authEvents : [create, ...authEvents]);
    const r = checkAuth(rules, e, lookup);
    if (r.ok) {
      byId.set(e.eventId, e);
      if (typeof e.pdu.state_key === 'string') state.set(`${e.pdu.type}|${e.pdu.state_key}`, e);
    }
    return r;
  }

  const content = { room_version: version, ...(rules.createNeedsCreator ? { creator: ALICE } : {}) };
  create = makeEvent('$create', { type: 'm.room.create', sender: ALICE, state_key: '', content, prev_events: [] },
    rules.roomIdFromCreateEvent ? undefined : roomId);
  assert.ok(checkAuth(rules, create, () => undefined).ok);
  byId.set(create.eventId, create);
  state.set('m.room.create|', create);
  return { rules, send };
}

describe('a room from creation to a kick, checked against each event\'s own auth events', () => {
  for (const v of ALL_VERSIONS) {
    test(`v${v}`, () => {
      const { rules, send } = lifeOfARoom(v);
      const ok = (r: AuthResult) => assert.ok(r.ok, r.ok ? '' : r.reason);
      const no = (r: AuthResult) => assert.ok(!r.ok, 'expected a rejection');
      const member = (user: string, membership: string, sender = user, prev = ['$prev']) =>
        ({ type: 'm.room.member', sender, state_key: user, content: { membership }, prev_events: prev });

      ok(send(member(ALICE, 'join', ALICE, ['$create'])));
      const admins = rules.privilegedCreators ? {} : { [ALICE]: 100 };
      ok(send({ type: 'm.room.power_levels', sender: ALICE, state_key: '', content: { users: admins } }));
      ok(send({ type: 'm.room.join_rules', sender: ALICE, state_key: '', content: { join_rule: 'invite' } }));
      no(send(member(BOB, 'join')));
      ok(send(member(BOB, 'invite', ALICE)));
      ok(send(member(BOB, 'join')));
      ok(send({ type: 'm.room.message', sender: BOB, content: { body: 'hello' } }));
      no(send({ type: 'm.room.name', sender: BOB, state_key: '', content: { name: 'mine' } }));
      no(send({ type: 'm.room.power_levels', sender: BOB, state_key: '', content: { users: { ...admins, [BOB]: 100 } } }));
      no(send(member(CHARLIE, 'join')));
      ok(send(member(BOB, 'leave', ALICE)));
      no(send({ type: 'm.room.message', sender: BOB, content: { body: 'still here?' } }));
    });
  }
});
