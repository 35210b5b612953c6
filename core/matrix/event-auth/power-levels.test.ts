// Power-level values (v1-stringy-power-levels vs v10 integers) and rule 9 [v12: 10], m.room.power_levels changes.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { LEVEL_FIELDS, parseLevel } from './power-levels.ts';
import { ALICE, ALL_VERSIONS, assertAllowed, assertRejected, BOB, CHARLIE, createdRoom, rulesOf, TestRoom } from './fixtures.ts';

describe('parseLevel', () => {
  const v9 = rulesOf('9');
  const v10 = rulesOf('10');
  test('integers are accepted in every version, within ±(2^53−1)', () => {
    for (const r of [v9, v10]) {
      assert.equal(parseLevel(r, 50), 50);
      assert.equal(parseLevel(r, -3), -3);
      assert.equal(parseLevel(r, 9007199254740991), 9007199254740991);
      assert.equal(parseLevel(r, 9007199254740992), undefined);
      assert.equal(parseLevel(r, 1.5), undefined);
      assert.ok(Object.is(parseLevel(r, -0), 0));
    }
  });
  test('v6–v9 accept stringy integers as the spec describes them', () => {
    for (const [s, n] of [['100', 100], ['000100', 100], ['+100', 100], ['-100', -100], [' 100 ', 100], [' 00100 ', 100], [' +100 ', 100], [' -100 ', -100], ['\t7\n', 7]] as const) {
      assert.equal(parseLevel(v9, s), n, JSON.stringify(s));
    }
  });
  test('v6–v9 reject strings that are not integers', () => {
    for (const s of ['', ' ', 'foo', '1.5', '1e3', '0x10', '--1', '+-1', '1 0', '9007199254740992', 'Infinity', 'NaN']) {
      assert.equal(parseLevel(v9, s), undefined, JSON.stringify(s));
    }
  });
  test('v10+ rejects every string', () => {
    for (const s of ['100', '0', ' 1 ']) assert.equal(parseLevel(v10, s), undefined);
  });
  test('other JSON types are never levels', () => {
    for (const x of [null, true, [], {}, undefined]) assert.equal(parseLevel(v9, x), undefined);
  });
});

/** Alice sends a power-levels event replacing the room's (Alice: 100 in v6–v11, creator in v12). */
function plChange(room: TestRoom, content: Record<string, unknown>, sender = ALICE) {
  return room.check({ type: 'm.room.power_levels', sender, state_key: '', content });
}
const base = (room: TestRoom, users: Record<string, unknown> = {}) =>
  room.rules.privilegedCreators ? { users } : { users: { [ALICE]: 100, ...users } };

describe('9.1–9.3 [10.1–10.3]: value formats', () => {
  for (const v of ALL_VERSIONS) {
    const stringsOk = !rulesOf(v).integerPowerLevels;
    for (const f of LEVEL_FIELDS) {
      test(`v${v}: \`${f}\`: integer ok, "50" ${stringsOk ? 'ok' : 'rejected'}, "foo" rejected`, () => {
        const room = createdRoom(v);
        assertAllowed(plChange(room, { ...base(room), [f]: 50 }));
        const stringy = plChange(room, { ...base(room), [f]: '50' });
        if (stringsOk) assertAllowed(stringy);
        else assertRejected(stringy, /rule 9\.1/);
        assertRejected(plChange(room, { ...base(room), [f]: 'foo' }), /rule 9\.1/);
        assertRejected(plChange(room, { ...base(room), [f]: null }), /rule 9\.1/);
      });
    }
    test(`v${v}: events and notifications: objects of integers${stringsOk ? ' or stringy integers' : ''}`, () => {
      const room = createdRoom(v);
      for (const key of ['events', 'notifications']) {
        assertAllowed(plChange(room, { ...base(room), [key]: { 'm.room.name': 50 } }));
        const stringy = plChange(room, { ...base(room), [key]: { 'm.room.name': '50' } });
        if (stringsOk) assertAllowed(stringy);
        else assertRejected(stringy, /rule 9\.2/);
        assertRejected(plChange(room, { ...base(room), [key]: { 'm.room.name': 'x' } }), /rule 9\.2/);
        assertRejected(plChange(room, { ...base(room), [key]: [50] }), /rule 9\.2/);
      }
    });
    test(`v${v}: users: valid user ids mapped to integers${stringsOk ? ' or stringy integers' : ''}`, () => {
      const room = createdRoom(v);
      assertRejected(plChange(room, { ...base(room), users: { ...base(room).users, spambot: -1 } }), /rule 9\.3/);
      assertRejected(plChange(room, { ...base(room), users: { ...base(room).users, '@::bad': 1 } }), /rule 9\.3/);
      assertRejected(plChange(room, { ...base(room), users: 'everyone' }), /rule 9\.3/);
      const stringy = plChange(room, base(room, { [BOB]: '10' }));
      if (stringsOk) assertAllowed(stringy);
      else assertRejected(stringy, /rule 9\.3/);
      assertAllowed(plChange(room, {})); // no users at all is fine (Alice falls to users_default 0 in v6–v11)
    });
  }
  test('v9: a stringy level equal to the current integer is not a change', () => {
    const room = createdRoom('9');
    room.member(BOB, 'join');
    room.powerLevels({ users: { [ALICE]: 100, [BOB]: 50 }, ban: 100 });
    assertAllowed(plChange(room, { users: { [ALICE]: 100, [BOB]: '50' }, ban: ' +100 ' }, BOB));
  });
  test('v10: the same event with stringy values is rejected (rule 9.1)', () => {
    const room = createdRoom('10');
    room.member(BOB, 'join');
    room.powerLevels({ users: { [ALICE]: 100, [BOB]: 50 }, ban: 100 });
    assertRejected(plChange(room, { users: { [ALICE]: 100, [BOB]: 50 }, ban: '100' }, BOB), /rule 9\.1/);
  });
});

describe('9.4 [10.5]: the first power-levels event', () => {
  for (const v of ALL_VERSIONS) {
    test(`v${v}: is allowed whatever it grants`, () => {
      const room = createdRoom(v).unset('m.room.power_levels', '');
      assertAllowed(plChange(room, { users: { [BOB]: 1_000_000 }, ban: 9000, events: { x: 1e6 } }));
    });
  }
});

describe('9.5–9.9 [10.6–10.10]: changing power levels', () => {
  /** Bob (the sender, level `bob`) and Charlie joined; current levels `current` (+ Alice 100 in v6–v11). */
  function room(v: string, bob: number, current: Record<string, unknown>, charlie?: number) {
    const r = createdRoom(v);
    r.member(BOB, 'join');
    r.member(CHARLIE, 'join');
    const users: Record<string, number> = { [BOB]: bob, ...(charlie === undefined ? {} : { [CHARLIE]: charlie }) };
    r.powerLevels({ ...current, users: r.rules.privilegedCreators ? users : { [ALICE]: 100, ...users } });
    return r;
  }
  const next = (r: TestRoom, bob: number, body: Record<string, unknown>, charlie?: number) => {
    const users: Record<string, number> = { [BOB]: bob, ...(charlie === undefined ? {} : { [CHARLIE]: charlie }) };
    return plChange(r, { ...body, users: r.rules.privilegedCreators ? users : { [ALICE]: 100, ...users } }, BOB);
  };

  for (const v of ALL_VERSIONS) {
    test(`v${v}: named levels: current or new value above the sender's level is refused`, () => {
      // Bob (50) must also be able to send m.room.power_levels: state_default 50.
      assertAllowed(next(room(v, 50, { kick: 40 }), 50, { kick: 30 }));
      assertAllowed(next(room(v, 50, { kick: 40 }), 50, { kick: 50 }));
      assertRejected(next(room(v, 50, { kick: 40 }), 50, { kick: 51 }), /rule 9\.5/);
      assertRejected(next(room(v, 50, { kick: 60, state_default: 50 }), 50, { kick: 10 }), /rule 9\.5/);
      assertAllowed(next(room(v, 50, { kick: 60 }), 50, { kick: 60 })); // unchanged
      assertRejected(next(room(v, 50, { redact: 60 }), 50, {}), /rule 9\.5/); // removed: was above
      assertAllowed(next(room(v, 50, { invite: 10 }), 50, {})); // removed: back to default 0
      // added: an absent current value counts at its default (ban 50 ≤ Bob 50 passes; 60 does not)
      assertAllowed(next(room(v, 50, {}), 50, { ban: 20 }));
      assertRejected(next(room(v, 40, { state_default: 40 }), 40, { ban: 20 }), /rule 9\.5/);
    });
    test(`v${v}: users_default can be lowered below and not raised above the sender's level (gomatrixserverlib)`, () => {
      assertAllowed(next(room(v, 100, { users_default: 100 }), 100, { users_default: 50 }));
      assertRejected(next(room(v, 50, {}), 50, { users_default: 500 }), /rule 9\.5/);
    });
    test(`v${v}: events and notifications entries`, () => {
      for (const key of ['events', 'notifications']) {
        assertAllowed(next(room(v, 50, { [key]: { a: 40 } }), 50, { [key]: { a: 50, b: 10 } }));
        assertRejected(next(room(v, 50, { [key]: { a: 40 } }), 50, { [key]: { a: 51 } }), /rule 9\.6\/9\.7/);
        assertRejected(next(room(v, 50, { [key]: { a: 60 } }), 50, { [key]: { a: 10 } }), /rule 9\.6\/9\.7/);
        assertRejected(next(room(v, 50, { [key]: { a: 60 } }), 50, { [key]: {} }), /rule 9\.6\/9\.7/);
        assertAllowed(next(room(v, 50, { [key]: { a: 60 } }), 50, { [key]: { a: 60, b: 50 } }));
        assertRejected(next(room(v, 50, {}), 50, { [key]: { b: 51 } }), /rule 9\.6\/9\.7/);
      }
    });
    test(`v${v}: other users' entries (gomatrixserverlib Test_checkUserLevels)`, () => {
      assertRejected(next(room(v, 100, {}, 100), 100, {}), /rule 9\.8\/9\.9/); // removing an equal level
      assertAllowed(next(room(v, 100, {}, 99), 100, {})); // removing a lower level
      assertRejected(next(room(v, 100, {}, 9001), 100, {}), /rule 9\.8\/9\.9/); // removing a higher level
      assertRejected(next(room(v, 100, {}, 100), 100, {}, 50), /rule 9\.8\/9\.9/); // demoting an equal
      assertRejected(next(room(v, 100, {}, 100), 100, {}, 9001), /rule 9\.8\/9\.9/); // raising above own
      assertAllowed(next(room(v, 100, {}), 100, {}, 10)); // adding below own
      assertAllowed(next(room(v, 100, {}), 100, {}, 100)); // adding equal to own
      assertRejected(next(room(v, 100, {}), 100, {}, 101), /rule 9\.8\/9\.9/); // adding above own
    });
    test(`v${v}: the sender's own entry`, () => {
      assertRejected(next(room(v, 100, {}), 101, {}), /rule 9\.8\/9\.9/); // raising self
      assertAllowed(next(room(v, 100, {}), 10, {})); // lowering self
      assertAllowed(next(room(v, 100, {}), 100, {})); // same
      const r = room(v, 100, {});
      const withoutBob = r.rules.privilegedCreators ? {} : { [ALICE]: 100 };
      assertAllowed(plChange(r, { users: withoutBob }, BOB)); // removing own entry
    });
    test(`v${v}: the sender also needs the level to send m.room.power_levels at all (rule 7)`, () => {
      assertRejected(next(room(v, 40, { events: { 'm.room.power_levels': 50 } }), 40, {}), /rule 7/);
    });
  }
});

describe('v12 [10.4]: room creators', () => {
  test('a creator listed in users is rejected, even in the first power-levels event', () => {
    const room = createdRoom('12').unset('m.room.power_levels', '');
    assertRejected(plChange(room, { users: { [ALICE]: 100 } }), /rule 10\.4/);
    assertAllowed(plChange(room, { users: { [BOB]: 100 } }));
  });
  test('additional creators may not be listed either', () => {
    const room = new TestRoom('12', { createContent: { additional_creators: [CHARLIE] } });
    room.member(ALICE, 'join');
    assertRejected(plChange(room, { users: { [CHARLIE]: 0 } }), /rule 10\.4/);
  });
  test('v11: the creator may (must, to keep power) be listed', () => {
    const room = createdRoom('11').unset('m.room.power_levels', '');
    assertAllowed(plChange(room, { users: { [ALICE]: 100 } }));
  });
  test('a creator can change any level, however high (ruma creator_has_infinite_power)', () => {
    const room = createdRoom('12');
    room.member(BOB, 'join');
    room.powerLevels({ users: { [BOB]: 9007199254740991 }, ban: 9007199254740991, events: { x: 9007199254740991 } });
    assertAllowed(plChange(room, { users: { [BOB]: 0 }, ban: 0, events: {} }));
  });
  test('a non-creator with the top integer level still cannot touch another top-level user', () => {
    const room = createdRoom('12');
    room.member(BOB, 'join');
    room.member(CHARLIE, 'join');
    const top = 9007199254740991;
    room.powerLevels({ users: { [BOB]: top, [CHARLIE]: top } });
    assertRejected(plChange(room, { users: { [BOB]: top, [CHARLIE]: 0 } }, BOB), /rule 9\.8\/9\.9/);
  });
  test('a v12 creator needs no entry to send power levels; a v11 creator without one does', () => {
    const v12 = createdRoom('12');
    v12.powerLevels({ users: {}, events: { 'm.room.power_levels': 100 } });
    assertAllowed(plChange(v12, { users: {}, events: { 'm.room.power_levels': 100 } }));
    const v11 = createdRoom('11');
    v11.powerLevels({ users: {}, events: { 'm.room.power_levels': 100 } });
    assertRejected(plChange(v11, { users: {}, events: { 'm.room.power_levels': 100 } }), /rule 7/);
  });
});
