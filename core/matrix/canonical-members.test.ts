// Joins of member encodings equal the codec's encoding of the same object with those members dropped or
// replaced, for every json codec; the remembered encoding is the one handed back.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CanonicalMembers, takeMembers, rememberMembers } from './canonical-members.ts';
import { MatrixError } from './errors.ts';
import { sha256 } from './sha256.ts';
import { CODECS } from './test-support.ts';

const text = (b: Uint8Array) => Buffer.from(b).toString('utf8');

const pdu = {
  auth_events: ['$a', '$b'],
  content: { body: 'hello "world"\n', msgtype: 'm.text', 'x\u{1F600}': 1, x\uFB01: 2 },
  depth: 12,
  hashes: { sha256: 'abc' },
  origin_server_ts: 1_700_000_000_000,
  prev_events: ['$c'],
  room_id: '!r:example.org',
  sender: '@u:example.org',
  signatures: { 'example.org': { 'ed25519:1': 'sig' } },
  type: 'm.room.message',
  unsigned: { age: 5 },
  '\u{10000}': 'astral key sorts last',
  '\uffff': 'after z, before astral',
};

for (const codec of CODECS) {
  describe(`canonical members (${codec.name})`, () => {
    const members = CanonicalMembers.of(codec, pdu);

    test('the whole join is the codec encoding, and the same array each time', () => {
      assert.equal(text(members.join()), text(codec.encode(pdu)));
      assert.equal(members.join(), members.join());
    });

    test('omitting members gives the encoding of the object without them', () => {
      for (const omit of [['unsigned'], ['hashes', 'signatures', 'unsigned'], ['auth_events'], ['\u{10000}', '\uffff'], Object.keys(pdu)]) {
        const expected = Object.fromEntries(Object.entries(pdu).filter(([k]) => !omit.includes(k)));
        assert.equal(text(members.join(new Set(omit))), text(codec.encode(expected)), omit.join(','));
      }
      assert.equal(text(members.join(new Set(['not-there']))), text(codec.encode(pdu)));
    });

    test('sha256(omit) is the SHA-256 of join(omit), call after call (scratch reuse)', () => {
      for (const omit of [['unsigned'], ['hashes', 'signatures', 'unsigned'], Object.keys(pdu), []]) {
        const expected = Buffer.from(sha256(members.join(new Set(omit)))).toString('hex');
        assert.equal(Buffer.from(members.sha256(new Set(omit))).toString('hex'), expected, omit.join(','));
      }
      const big = CanonicalMembers.of(codec, { a: 'x'.repeat(10_000), b: 1 });
      assert.equal(Buffer.from(big.sha256()).toString('hex'), Buffer.from(sha256(big.join())).toString('hex'));
      assert.equal(Buffer.from(members.sha256()).toString('hex'), Buffer.from(sha256(members.join())).toString('hex'));
    });

    test('replacing a value splices its encoding in place', () => {
      const replaced = members.join(new Set(['signatures']), new Map([['content', codec.encode({})]]));
      const { signatures: _s, ...rest } = pdu;
      assert.equal(text(replaced), text(codec.encode({ ...rest, content: {} })));
    });

    test('value() is one member\'s encoding', () => {
      assert.equal(text(members.value('depth')!), '12');
      assert.equal(members.value('missing'), undefined);
    });

    test('an object inside a bigger encoding (a PDU in a transaction) joins from its slice', () => {
      const bytes = codec.encode({ origin: 'x', pdus: [pdu, { a: 1 }], z: [] });
      const own = codec.encode(pdu);
      const start = Buffer.from(bytes).indexOf(Buffer.from(own));
      assert.ok(start > 0);
      const m = CanonicalMembers.within(pdu, bytes, start, start + own.length);
      assert.equal(text(m.join()), text(own));
      const { unsigned: _u, signatures: _s, ...rest } = pdu;
      assert.equal(text(m.join(new Set(['unsigned', 'signatures']))), text(codec.encode(rest)));
      assert.throws(() => CanonicalMembers.within(pdu, bytes, start + 1, start + 40), RangeError);
    });

    test('empty objects and keys needing escapes', () => {
      assert.equal(text(CanonicalMembers.of(codec, {}).join()), '{}');
      const odd = { 'a"b': 1, 'a\\b': 2, '\n': 3 };
      assert.equal(text(CanonicalMembers.of(codec, odd).join()), text(codec.encode(odd)));
    });

    test('a value canonical JSON cannot hold throws M_BAD_JSON', () => {
      assert.throws(() => CanonicalMembers.of(codec, { a: 1.5 }), (e) => e instanceof MatrixError && e.errcode === 'M_BAD_JSON');
    });
  });
}

test('takeMembers hands back a remembered encoding once, else encodes afresh', () => {
  const codec = CODECS[0]!;
  const obj = { a: 1 };
  const fresh = takeMembers(codec, obj);
  assert.notEqual(takeMembers(codec, obj), fresh);
  rememberMembers(obj, fresh);
  assert.equal(takeMembers(codec, obj), fresh);
  assert.notEqual(takeMembers(codec, obj), fresh, 'forgotten once taken');
});
