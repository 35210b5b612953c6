// Rule 1 (m.room.create) across room versions 6–12.
import { describe, test } from 'node:test';
import { checkAuth } from './check-auth.ts';
import { ALICE, ALL_VERSIONS, assertAllowed, assertRejected, makeEvent, rulesOf, ZARA } from './fixtures.ts';

function createEvent(version: string, over: { sender?: string; roomId?: string | null; content?: Record<string, unknown>; prev?: string[] } = {}) {
  const rules = rulesOf(version);
  const sender = over.sender ?? ALICE;
  const content = over.content ?? { room_version: version, ...(rules.createNeedsCreator ? { creator: sender } : {}) };
  const roomId = over.roomId === null ? undefined : (over.roomId ?? (rules.roomIdFromCreateEvent ? undefined : '!room:a.test'));
  const e = makeEvent('$create', { type: 'm.room.create', sender, state_key: '', content, prev_events: over.prev ?? [] }, roomId);
  // The state lookup is never consulted for a create event.
  return checkAuth(rules, e, () => undefined);
}

describe('rule 1: m.room.create', () => {
  for (const v of ALL_VERSIONS) {
    test(`v${v}: a well-formed create event is allowed`, () => assertAllowed(createEvent(v)));
    test(`v${v}: 1.1 prev_events are rejected`, () => assertRejected(createEvent(v, { prev: ['$other'] }), /rule 1\.1/));
    test(`v${v}: 1.3 an unknown content.room_version is rejected`, () =>
      assertRejected(createEvent(v, { content: { room_version: 'org.example.unknown', creator: ALICE } }), /rule 1\.3/));
    test(`v${v}: 1.3 a non-string room_version is rejected`, () =>
      assertRejected(createEvent(v, { content: { room_version: 12, creator: ALICE } }), /rule 1\.3/));
  }

  test('1.3: recognised versions this server does not serve (1–5) are accepted', () => {
    assertAllowed(createEvent('6', { content: { creator: ALICE, room_version: '1' } }));
    assertAllowed(createEvent('6', { content: { creator: ALICE } })); // absent = room v1, still recognised
  });

  for (const v of ['6', '7', '8', '9', '10', '11']) {
    test(`v${v}: 1.2 room_id domain must equal the sender's`, () => {
      assertRejected(createEvent(v, { sender: ZARA, content: { creator: ZARA, room_version: v } }), /rule 1\.2/);
    });
    test(`v${v}: 1.2 a missing room_id is rejected`, () => assertRejected(createEvent(v, { roomId: null }), /rule 1\.2/));
    test(`v${v}: 1.2 a room_id without a domain is rejected`, () => assertRejected(createEvent(v, { roomId: '!nodomain' }), /rule 1\.2/));
  }

  for (const v of ['6', '7', '8', '9', '10']) {
    test(`v${v}: 1.4 content.creator is required`, () => {
      assertRejected(createEvent(v, { content: { room_version: v } }), /rule 1\.4/);
    });
  }

  test('v11: creator is not required and additional_creators is not checked', () => {
    assertAllowed(createEvent('11', { content: { room_version: '11' } }));
    assertAllowed(createEvent('11', { content: { room_version: '11', additional_creators: ['@::bad'] } }));
    // content shapes the rules do not read are irrelevant (ruma: valid_room_create)
    assertAllowed(createEvent('11', { content: { room_version: '11', predecessor: '!notanobject:x', type: true } }));
  });

  test('v12: 1.2 a create event with a room_id is rejected', () => {
    assertRejected(createEvent('12', { roomId: '!room:a.test' }), /rule 1\.2/);
  });

  test('v12: 1.4 additional_creators must be an array of valid user ids', () => {
    assertAllowed(createEvent('12', { content: { room_version: '12', additional_creators: [ZARA, '@Historic_User:x.test'] } }));
    assertAllowed(createEvent('12', { content: { room_version: '12', additional_creators: [] } }));
    assertRejected(createEvent('12', { content: { room_version: '12', additional_creators: ['@::example.org'] } }), /rule 1\.4/);
    assertRejected(createEvent('12', { content: { room_version: '12', additional_creators: ['zara'] } }), /rule 1\.4/);
    assertRejected(createEvent('12', { content: { room_version: '12', additional_creators: ZARA } }), /rule 1\.4/);
    assertRejected(createEvent('12', { content: { room_version: '12', additional_creators: [42] } }), /rule 1\.4/);
  });

  test('v12: the sender may be on any server (no room id domain rule)', () => {
    assertAllowed(createEvent('12', { sender: ZARA }));
  });
});
