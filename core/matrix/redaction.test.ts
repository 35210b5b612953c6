// Redaction per algorithm: each algorithm's distinguishing keys, and purity.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { redact } from './redaction.ts';
import type { RedactionAlgorithm } from './room-versions.ts';
import type { JsonObject } from './signing.ts';

const ALGORITHMS: readonly RedactionAlgorithm[] = ['v1', 'v6', 'v8', 'v9', 'v11'];
const later = (a: RedactionAlgorithm, from: RedactionAlgorithm) => ALGORITHMS.indexOf(a) >= ALGORITHMS.indexOf(from);

/** Every top-level key any algorithm keeps, plus ones none keeps. */
const ENVELOPE: JsonObject = {
  event_id: '$e:x', room_id: '!r:x', sender: '@s:x', state_key: '', hashes: { sha256: 'h' }, signatures: { x: { 'ed25519:1': 's' } },
  depth: 5, prev_events: ['$p'], prev_state: [], auth_events: ['$a'], origin: 'x', origin_server_ts: 1, membership: 'join',
  unsigned: { age: 1 }, redacts: '$t', extra: 'gone',
};

function event(type: string, content: unknown): JsonObject {
  return { ...ENVELOPE, type, content };
}

function deepFreeze<T>(v: T): T {
  if (typeof v === 'object' && v !== null) {
    for (const k of Object.keys(v)) deepFreeze((v as Record<string, unknown>)[k]);
    Object.freeze(v);
  }
  return v;
}

describe('top-level keys', () => {
  for (const alg of ALGORITHMS) {
    test(`${alg}`, () => {
      const out = redact(event('m.room.message', { body: 'hi' }), alg);
      const common = ['auth_events', 'content', 'depth', 'event_id', 'hashes', 'origin_server_ts', 'prev_events', 'room_id', 'sender', 'signatures', 'state_key', 'type'];
      const expected = alg === 'v11' ? common : [...common, 'membership', 'origin', 'prev_state'];
      assert.deepEqual(Object.keys(out).sort(), expected.sort());
      assert.deepEqual(out.content, {});
      assert.equal(out.unsigned, undefined);
      assert.equal(out.redacts, undefined, 'top-level redacts is never kept');
      assert.deepEqual(out.signatures, ENVELOPE.signatures);
      assert.deepEqual(out.hashes, ENVELOPE.hashes);
    });
  }
});

describe('content keys per event type', () => {
  const cases: { type: string; content: JsonObject; kept: (alg: RedactionAlgorithm) => JsonObject }[] = [
    {
      type: 'm.room.member',
      content: { membership: 'join', displayname: 'A', join_authorised_via_users_server: '@u:x', third_party_invite: { signed: { token: 't' }, display_name: 'd' } },
      kept: (alg) => ({
        membership: 'join',
        ...(later(alg, 'v9') ? { join_authorised_via_users_server: '@u:x' } : {}),
        ...(alg === 'v11' ? { third_party_invite: { signed: { token: 't' } } } : {}),
      }),
    },
    {
      type: 'm.room.create',
      content: { creator: '@c:x', room_version: '5', 'm.federate': false, predecessor: { room_id: '!o:x' } },
      kept: (alg) => (alg === 'v11' ? { creator: '@c:x', room_version: '5', 'm.federate': false, predecessor: { room_id: '!o:x' } } : { creator: '@c:x' }),
    },
    {
      type: 'm.room.join_rules',
      content: { join_rule: 'restricted', allow: [{ type: 'm.room_membership', room_id: '!s:x' }], other: 1 },
      kept: (alg) => ({ join_rule: 'restricted', ...(later(alg, 'v8') ? { allow: [{ type: 'm.room_membership', room_id: '!s:x' }] } : {}) }),
    },
    {
      type: 'm.room.power_levels',
      content: { ban: 50, events: { a: 1 }, events_default: 0, invite: 0, kick: 50, redact: 50, state_default: 50, users: { '@u:x': 100 }, users_default: 0, notifications: { room: 50 } },
      kept: (alg) => ({
        ban: 50, events: { a: 1 }, events_default: 0, kick: 50, redact: 50, state_default: 50, users: { '@u:x': 100 }, users_default: 0,
        ...(alg === 'v11' ? { invite: 0 } : {}),
      }),
    },
    {
      type: 'm.room.aliases',
      content: { aliases: ['#a:x'] },
      kept: (alg) => (alg === 'v1' ? { aliases: ['#a:x'] } : {}),
    },
    {
      type: 'm.room.history_visibility',
      content: { history_visibility: 'shared', x: 1 },
      kept: () => ({ history_visibility: 'shared' }),
    },
    {
      type: 'm.room.redaction',
      content: { redacts: '$t', reason: 'spam' },
      kept: (alg) => (alg === 'v11' ? { redacts: '$t' } : {}),
    },
    { type: 'm.room.name', content: { name: 'n' }, kept: () => ({}) },
  ];
  for (const alg of ALGORITHMS) {
    test(`${alg}`, () => {
      for (const c of cases) assert.deepEqual(redact(event(c.type, c.content), alg).content, c.kept(alg), `${alg} ${c.type}`);
    });
  }
});

describe('edge cases', () => {
  test('v11 member: third_party_invite without signed, or not an object, is dropped', () => {
    assert.deepEqual(redact(event('m.room.member', { membership: 'invite', third_party_invite: { display_name: 'd' } }), 'v11').content, { membership: 'invite' });
    assert.deepEqual(redact(event('m.room.member', { membership: 'invite', third_party_invite: 'x' }), 'v11').content, { membership: 'invite' });
  });

  test('absent keys stay absent; content that is not an object becomes {}; no content stays absent', () => {
    assert.deepEqual(redact(event('m.room.power_levels', { ban: 50 }), 'v11').content, { ban: 50 });
    for (const content of [null, 'text', [1, 2], 5]) assert.deepEqual(redact(event('m.room.member', content), 'v9').content, {});
    const { content: _c, ...noContent } = event('m.room.member', {});
    assert.equal(Object.hasOwn(redact(noContent, 'v11'), 'content'), false);
    assert.deepEqual(redact({ type: 42, content: { membership: 'join' } }, 'v1'), { type: 42, content: {} });
  });

  test('pure: frozen input is not touched, and the output is a new object', () => {
    const input = deepFreeze(event('m.room.create', { creator: '@c:x', room_version: '11' }));
    const snapshot = structuredClone(input);
    for (const alg of ALGORITHMS) {
      const out = redact(input, alg);
      assert.notEqual(out, input);
      assert.notEqual(out.content, input.content);
    }
    assert.deepEqual(input, snapshot);
  });

  test('redaction is idempotent', () => {
    for (const alg of ALGORITHMS) {
      const once = redact(event('m.room.member', { membership: 'join', join_authorised_via_users_server: '@u:x', third_party_invite: { signed: {} } }), alg);
      assert.deepEqual(redact(once, alg), once);
    }
  });

  test('a key named __proto__ in content does not reach the prototype', () => {
    const content = JSON.parse('{"__proto__": {"polluted": true}, "room_version": "11"}');
    const out = redact(event('m.room.create', content), 'v11');
    assert.equal(Object.hasOwn(out.content as object, '__proto__'), true);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });
});
