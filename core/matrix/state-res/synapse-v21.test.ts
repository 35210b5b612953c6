// Synapse's v2.1 scenarios (tests/state/test_v21.py, MSC4297 problems A and B), transcribed in
// fixtures/synapse-v21.json: resolved in room v12 (v2.1), and the same inputs in room v11 (v2) to show the reset.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { roomVersion } from '../room-versions.ts';
import { resolveState } from './resolve.ts';
import { EventStore, keyOf, triples, type FixtureEvent } from './testing/fixture-events.ts';

interface Fixture {
  tests: { name: string; description: string; events: FixtureEvent[]; states: string[][]; expected: string[] }[];
}
const fixture = JSON.parse(readFileSync(new URL('./fixtures/synapse-v21.json', import.meta.url), 'utf8')) as Fixture;
const ALICE = '@alice:example.com';

/**
 * The same room as room v11: a room id with a domain, the create event among every auth_events list, and
 * alice, who is no longer a privileged creator, given 100 in every PL `users` map (as v11 rooms do).
 */
function asV11(events: FixtureEvent[]): FixtureEvent[] {
  const create = events.find((e) => e.type === 'm.room.create')!.id;
  return events.map((e) => {
    const out: FixtureEvent = { ...e, room: '!room:example.com', content: { ...e.content } };
    if (e.type === 'm.room.create') out.content['room_version'] = '11';
    else out.auth = [create, ...e.auth];
    if (e.type === 'm.room.power_levels') out.content['users'] = { [ALICE]: 100, ...(e.content['users'] as object) };
    return out;
  });
}

function resolveFixture(version: string, t: Fixture['tests'][number]) {
  const store = new EventStore();
  store.addFixtures(version === '12' ? t.events : asV11(t.events));
  const states = t.states.map((ids) => store.stateOf(ids));
  const ctx = store.context(roomVersion(version)!);
  const forward = triples(resolveState(ctx, states));
  assert.deepEqual(triples(resolveState(ctx, [...states].reverse())), forward, 'input order must not matter');
  return { store, got: forward };
}

const [problemB, problemA] = fixture.tests as [Fixture['tests'][number], Fixture['tests'][number]];

describe('Synapse test_v21, room v12 (v2.1)', () => {
  for (const t of fixture.tests) {
    test(`${t.name}: ${t.description}`, () => {
      const { store, got } = resolveFixture('12', t);
      assert.deepEqual(got, triples(store.stateOf(t.expected)));
    });
  }
});

describe('the same inputs in room v11 (v2): the state resets MSC4297 fixes', () => {
  test('problem B: bob\'s promotion is not replayed, so charlie\'s promotion by bob fails and the PL resets', () => {
    const { store, got } = resolveFixture('11', problemB);
    const expected = store.stateOf(problemB.expected);
    expected.set(keyOf(store.get('$e3-power1')), '$e3-power1'); // the old PL…
    expected.set(keyOf(store.get('$e10-me2')), '$e10-me2'); // …and eve's rename, replayed last under it
    assert.deepEqual(got, triples(expected));
  });

  test('problem A: the replay starts from "alice has left", both join rules fail, and the room has none', () => {
    const { store, got } = resolveFixture('11', problemA);
    const expected = store.stateOf(problemA.expected);
    expected.delete(keyOf(store.get('$e6-jr2')));
    assert.deepEqual(got, triples(expected));
  });
});
