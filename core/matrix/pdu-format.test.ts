// PDU format checks (receipt check 1) for room versions 6–12.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { MatrixError } from './errors.ts';
import { assertPduFormat, pduFormatError, PDU_LIMITS } from './pdu-format.ts';
import { roomVersion } from './room-versions.ts';

const v10 = roomVersion('10')!;
const v11 = roomVersion('11')!;
const v12 = roomVersion('12')!;

function pdu(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    room_id: '!room:a.test',
    sender: '@alice:a.test',
    origin_server_ts: 1_700_000_000_000,
    type: 'm.room.message',
    content: { body: 'hi' },
    prev_events: ['$p'],
    auth_events: ['$a'],
    depth: 5,
    hashes: { sha256: 'abc' },
    signatures: { 'a.test': { 'ed25519:k': 'sig' } },
    ...over,
  };
}
const without = (key: string) => {
  const p = pdu();
  delete p[key];
  return p;
};
const errorOf = (v: unknown, rules = v10, size = 500) => pduFormatError(rules, v, size);

describe('pduFormatError', () => {
  test('a well-formed PDU passes in every version', () => {
    for (const id of ['6', '7', '8', '9', '10', '11', '12']) assert.equal(errorOf(pdu(), roomVersion(id)!), undefined, id);
  });
  test('extra keys and unsigned are allowed', () => {
    assert.equal(errorOf(pdu({ origin: 'a.test', unsigned: { age: 3 }, 'org.custom': [1] })), undefined);
  });
  test('required keys', () => {
    for (const key of ['room_id', 'sender', 'origin_server_ts', 'type', 'content', 'prev_events', 'auth_events', 'depth', 'hashes', 'signatures']) {
      assert.match(errorOf(without(key)) ?? 'passed', new RegExp(key), key);
    }
  });
  test('not an object', () => {
    for (const v of [null, [], 'x', 3]) assert.match(errorOf(v) ?? '', /not a JSON object/);
  });
  test('types of keys', () => {
    assert.ok(errorOf(pdu({ type: 5 })));
    assert.ok(errorOf(pdu({ sender: 'alice' })));
    assert.ok(errorOf(pdu({ sender: '@alice' })));
    assert.ok(errorOf(pdu({ room_id: 'room:a.test' })));
    assert.ok(errorOf(pdu({ state_key: null })));
    assert.equal(errorOf(pdu({ state_key: '' })), undefined);
    assert.ok(errorOf(pdu({ origin_server_ts: '1' })));
    assert.ok(errorOf(pdu({ content: [] })));
    assert.ok(errorOf(pdu({ hashes: {} })));
    assert.ok(errorOf(pdu({ hashes: { sha256: 1 } })));
    assert.ok(errorOf(pdu({ signatures: { 'a.test': 'sig' } })));
    assert.ok(errorOf(pdu({ signatures: { 'a.test': { k: 1 } } })));
    assert.ok(errorOf(pdu({ unsigned: 'x' })));
    assert.ok(errorOf(pdu({ prev_events: '$p' })));
    assert.ok(errorOf(pdu({ auth_events: [['$a', {}]] }))); // the v1/v2 pair form is not valid here
  });
  test('historical user ids are accepted as senders', () => {
    assert.equal(errorOf(pdu({ sender: '@Old User!:a.test' })), undefined);
    assert.equal(errorOf(pdu({ sender: '@u:[::1]:8448' })), undefined);
    assert.ok(errorOf(pdu({ sender: '@u:bad_host' })));
  });
  test('depth is an integer in [0, 2^53 − 1]', () => {
    assert.equal(errorOf(pdu({ depth: 0 })), undefined);
    assert.equal(errorOf(pdu({ depth: PDU_LIMITS.maxDepth })), undefined);
    assert.match(errorOf(pdu({ depth: -1 })) ?? '', /depth/);
    assert.match(errorOf(pdu({ depth: 2 ** 53 })) ?? '', /depth/);
    assert.match(errorOf(pdu({ depth: 1.5 })) ?? '', /depth/);
  });
  test('at most 20 prev_events and 10 auth_events', () => {
    const ids = (n: number) => Array.from({ length: n }, (_, i) => `$e${i}`);
    assert.equal(errorOf(pdu({ prev_events: ids(20), auth_events: ids(10) })), undefined);
    assert.match(errorOf(pdu({ prev_events: ids(21) })) ?? '', /prev_events.*21/);
    assert.match(errorOf(pdu({ auth_events: ids(11) })) ?? '', /auth_events.*11/);
  });
  test('size limits: 65536 canonical bytes, 255 bytes for type, state_key and ids', () => {
    assert.equal(errorOf(pdu(), v10, 65_536), undefined);
    assert.match(errorOf(pdu(), v10, 65_537) ?? '', /65536/);
    assert.equal(errorOf(pdu({ type: 'x'.repeat(255) })), undefined);
    assert.match(errorOf(pdu({ type: 'x'.repeat(256) })) ?? '', /type/);
    assert.match(errorOf(pdu({ type: 'é'.repeat(128) })) ?? '', /type/); // 128 characters, 256 bytes
    assert.match(errorOf(pdu({ state_key: '😀'.repeat(64) })) ?? '', /state_key/); // 256 bytes
    assert.equal(errorOf(pdu({ state_key: '😀'.repeat(63) })), undefined);
    assert.match(errorOf(pdu({ room_id: '!' + 'r'.repeat(250) + ':a.test' })) ?? '', /room_id/);
    assert.match(errorOf(pdu({ sender: '@' + 'u'.repeat(250) + ':a.test' })) ?? '', /sender/);
    assert.match(errorOf(pdu({ prev_events: ['$' + 'e'.repeat(255)] })) ?? '', /prev_events/);
  });
  test('v6–v10: top-level redacts must be an event id', () => {
    assert.equal(errorOf(pdu({ type: 'm.room.redaction', redacts: '$x' })), undefined);
    assert.ok(errorOf(pdu({ type: 'm.room.redaction', redacts: 5 })));
  });
  test('v11+: redacts lives in content; top-level redacts is just an unknown key', () => {
    assert.equal(errorOf(pdu({ type: 'm.room.redaction', content: { redacts: '$x' } }), v11), undefined);
    assert.ok(errorOf(pdu({ type: 'm.room.redaction', content: { redacts: 5 } }), v11));
    assert.equal(errorOf(pdu({ type: 'm.room.redaction', content: {}, redacts: 5 }), v11), undefined);
    assert.equal(errorOf(pdu({ type: 'm.room.message', content: { redacts: 5 } }), v11), undefined);
  });
  test('v12: only the create event may omit room_id', () => {
    const create = { ...without('room_id'), type: 'm.room.create', state_key: '', prev_events: [], auth_events: [] };
    assert.equal(errorOf(create, v12), undefined);
    assert.match(errorOf(create, v11) ?? '', /room_id/);
    assert.match(errorOf(without('room_id'), v12) ?? '', /room_id/);
    // A v12 create carrying a room_id is well-formed; auth rule 1.2 rejects it.
    assert.equal(errorOf({ ...create, room_id: '!x' }, v12), undefined);
  });
});

describe('assertPduFormat', () => {
  test('throws M_BAD_JSON with the reason', () => {
    assert.throws(() => assertPduFormat(v10, pdu({ depth: -1 }), 100), (e: unknown) =>
      e instanceof MatrixError && e.errcode === 'M_BAD_JSON' && e.status === 400 && /depth/.test(e.message));
    assert.doesNotThrow(() => assertPduFormat(v10, pdu(), 100));
  });
});
