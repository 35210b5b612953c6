// resolveState end to end: trivial inputs, concurrent joins, creator power (MSC4289), rejected and missing events.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { roomVersion } from '../room-versions.ts';
import { resolveState } from './resolve.ts';
import { stateKeyOf } from './state-key.ts';
import { triples } from './testing/fixture-events.ts';
import { RoomBuilder } from './testing/room-builder.ts';

const ALICE = '@alice:example.com';
const BOB = '@bob:example.com';
const CHARLIE = '@charlie:example.com';
const join = { membership: 'join' };

/** create, alice joins, PL (alice 100 / bob `bob` before v12; bob `bob` in v12), public join rules, bob joins. */
function publicRoom(version: string, bob = 0): RoomBuilder {
  const rules = roomVersion(version)!;
  const r = RoomBuilder.create(rules, ALICE, '$create');
  r.send('$join-alice', ALICE, 'm.room.member', ALICE, join, { checked: true });
  const users = rules.privilegedCreators ? { [BOB]: bob } : { [ALICE]: 100, [BOB]: bob };
  r.send('$pl', ALICE, 'm.room.power_levels', '', { users }, { checked: true });
  r.send('$jr', ALICE, 'm.room.join_rules', '', { join_rule: 'public' }, { checked: true });
  r.send('$join-bob', BOB, 'm.room.member', BOB, join, { checked: true });
  return r;
}

describe('resolveState: trivial inputs', () => {
  const r = publicRoom('11');
  const ctx = r.store.context(r.rules);
  test('no states → empty; one state → a copy of it; identical states → that state', () => {
    assert.equal(resolveState(ctx, []).size, 0);
    const one = resolveState(ctx, [r.state]);
    assert.notEqual(one, r.state);
    assert.deepEqual(triples(one), triples(r.state));
    assert.deepEqual(triples(resolveState(ctx, [r.state, new Map(r.state), r.state])), triples(r.state));
  });
  test('a conflicted event the context cannot find is dropped', () => {
    const other = new Map(r.state).set(stateKeyOf('m.room.topic', ''), '$nowhere');
    assert.deepEqual(triples(resolveState(ctx, [r.state, other])), triples(r.state));
  });
});

for (const version of ['10', '11', '12']) {
  describe(`resolveState, room v${version}`, () => {
    test('concurrent joins of two users both stay (Synapse SimpleParamStateTestCase)', () => {
      const r = publicRoom(version);
      const a = r.fork();
      const b = r.fork();
      a.send('$join-charlie', CHARLIE, 'm.room.member', CHARLIE, join, { checked: true });
      b.send('$join-dave', '@dave:example.com', 'm.room.member', '@dave:example.com', join, { checked: true });
      const got = resolveState(r.store.context(r.rules), [a.state, b.state]);
      const want = new Map(a.state).set(stateKeyOf('m.room.member', '@dave:example.com'), '$join-dave');
      assert.deepEqual(triples(got), triples(want));
    });

    test('an event rejected against its auth chain is never replayed', () => {
      const r = publicRoom(version, 50);
      const a = r.fork();
      const b = r.fork();
      a.send('$topic-a', ALICE, 'm.room.topic', '', { topic: 'a' }, { checked: true });
      b.send('$topic-b', BOB, 'm.room.topic', '', { topic: 'b' }, { checked: true });
      const ctx = r.store.context(r.rules);
      const key = stateKeyOf('m.room.topic', '');
      // Both pass; the later one (same mainline position) is applied last and wins.
      assert.equal(resolveState(ctx, [a.state, b.state]).get(key), '$topic-b');
      r.store.rejected.add('$topic-b');
      assert.equal(resolveState(ctx, [a.state, b.state]).get(key), '$topic-a');
    });

    test('a rejected event reached only through the auth difference is not replayed either', () => {
      const r = publicRoom(version);
      const a = r.fork();
      const b = r.fork();
      a.send('$topic-a', ALICE, 'm.room.topic', '', { topic: 'a' }, { checked: true });
      b.send('$join-carol', '@carol:example.com', 'm.room.member', '@carol:example.com', join, { checked: true });
      b.send('$rename-carol', '@carol:example.com', 'm.room.member', '@carol:example.com', { ...join, displayname: 'C' }, { checked: true });
      const ctx = r.store.context(r.rules);
      const key = stateKeyOf('m.room.member', '@carol:example.com');
      assert.equal(resolveState(ctx, [a.state, b.state]).get(key), '$rename-carol');
      r.store.rejected.add('$rename-carol');
      // The join is not in any input state, only in the auth difference (the rename cites it).
      assert.equal(resolveState(ctx, [a.state, b.state]).get(key), '$join-carol');
      r.store.rejected.add('$join-carol');
      assert.equal(resolveState(ctx, [a.state, b.state]).has(key), false);
    });

    test('a rejected event is not used as an auth event, from the partial state or the auth_events', () => {
      // Bob's topic needs his membership. It is found in the partial state (v2: unconflicted start) or
      // through the topic's own auth_events (v2.1: empty start; his join is also in the auth difference).
      // Marked rejected, his join counts in neither place: bob is not joined and his topic fails.
      const r = publicRoom(version, 50);
      const a = r.fork();
      const b = r.fork();
      a.send('$topic-a', ALICE, 'm.room.topic', '', { topic: 'a' }, { checked: true });
      b.send('$topic-b', BOB, 'm.room.topic', '', { topic: 'b' }, { checked: true });
      const ctx = r.store.context(r.rules);
      const key = stateKeyOf('m.room.topic', '');
      assert.equal(resolveState(ctx, [a.state, b.state]).get(key), '$topic-b');
      r.store.rejected.add('$join-bob');
      const got = resolveState(ctx, [a.state, b.state]);
      assert.equal(got.get(key), '$topic-a');
      // Step 5 still puts the unconflicted state back, rejected or not: resolution does not edit it.
      assert.equal(got.get(stateKeyOf('m.room.member', BOB)), '$join-bob');
    });
  });
}

describe('MSC4289: room creators sort before any power level (room v12)', () => {
  test('alice (creator) kicks charlie while bob (PL 150) bans him: the kick is replayed first, the ban wins', () => {
    const r = publicRoom('12', 150);
    r.send('$join-charlie', CHARLIE, 'm.room.member', CHARLIE, join, { checked: true });
    const a = r.fork();
    const b = r.fork();
    // The ban has the earlier timestamp: only the creator's infinite power can put the kick first.
    b.send('$ban', BOB, 'm.room.member', CHARLIE, { membership: 'ban' }, { checked: true, ts: 100 });
    a.send('$kick', ALICE, 'm.room.member', CHARLIE, { membership: 'leave' }, { checked: true, ts: 200 });
    const ctx = r.store.context(r.rules);
    const key = stateKeyOf('m.room.member', CHARLIE);
    assert.equal(resolveState(ctx, [a.state, b.state]).get(key), '$ban');
    assert.equal(resolveState(ctx, [b.state, a.state]).get(key), '$ban');
  });
});
