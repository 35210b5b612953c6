// Event ids from reference hashes (event-ids.json) and v12 room ids from create events.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeBase64, decodeBase64Url, encodeBase64Url } from './base64.ts';
import { checkContentHash, referenceHash, signEvent } from './event-hash.ts';
import { computeEventId, eventIdFromReferenceHash, roomIdFromCreateEvent, roomIdFromCreateEventId } from './event-id.ts';
import { isHashEventId, isV12RoomId, parseRoomId } from './ids.ts';
import { roomVersion } from './room-versions.ts';
import type { JsonObject, SigningKey } from './signing.ts';
import { CODECS, loadVectors, testSigner } from './test-support.ts';

interface EventIdVectors {
  cases: { name: string; event: JsonObject; content_hash: string; event_id_v3: string; event_id_v4_plus: string }[];
}

const vectors = loadVectors<EventIdVectors>('event-ids.json');
const v12 = roomVersion('12')!;
const key: SigningKey = { entity: 'example.org', keyId: 'ed25519:k1', seed: new Uint8Array(32).fill(1) };

for (const codec of CODECS) {
  describe(`event ids with ${codec.name}`, () => {
    test('every event-ids.json vector: content hash holds; v3 (standard) and v4+ (URL-safe) ids', () => {
      assert.ok(vectors.cases.length >= 1);
      for (const c of vectors.cases) {
        assert.equal(checkContentHash(codec, c.event), true, c.name);
        // Room v3 is the v1 redaction algorithm with standard base64.
        assert.equal(computeEventId(codec, c.event, { redaction: 'v1', eventIdUrlSafe: false }), c.event_id_v3, c.name);
        // Versions 4–10 redact alike for a create event (creator kept), so the v4+ id holds for all of them.
        for (const id of ['6', '7', '8', '9', '10']) {
          assert.equal(computeEventId(codec, c.event, roomVersion(id)!), c.event_id_v4_plus, `${c.name} v${id}`);
        }
        assert.ok(isHashEventId(c.event_id_v3, false));
        assert.ok(isHashEventId(c.event_id_v4_plus, true));
        // The same hash, two alphabets.
        assert.deepEqual(decodeBase64(c.event_id_v3.slice(1)), decodeBase64Url(c.event_id_v4_plus.slice(1)));
      }
    });

    test('v11 redaction keeps all create content and drops origin, so the id differs from v10', () => {
      const c = vectors.cases[0]!;
      const v11Id = computeEventId(codec, c.event, roomVersion('11')!);
      assert.notEqual(v11Id, c.event_id_v4_plus);
      assert.equal(computeEventId(codec, { ...c.event, origin: 'elsewhere' }, roomVersion('11')!), v11Id);
      assert.notEqual(computeEventId(codec, { ...c.event, content: { ...(c.event.content as JsonObject), extra: 1 } }, roomVersion('11')!), v11Id);
    });

    test('eventIdFromReferenceHash', () => {
      const hash = Uint8Array.from({ length: 32 }, (_, i) => 250 - i);
      assert.equal(eventIdFromReferenceHash(hash, true), '$' + encodeBase64Url(hash));
      assert.match(eventIdFromReferenceHash(hash, false), /^\$[A-Za-z0-9+/]{43}$/);
      assert.match(eventIdFromReferenceHash(hash, true), /^\$[A-Za-z0-9_-]{43}$/);
    });

    test('v12 room id: "!" + the create event id without "$"; the create event has no room_id', () => {
      const create = signEvent(codec, testSigner, {
        type: 'm.room.create',
        state_key: '',
        sender: '@alice:example.org',
        content: { room_version: '12', additional_creators: ['@bob:example.org'] },
        origin_server_ts: 1700000000000,
        depth: 1,
        prev_events: [],
        auth_events: [],
      }, v12.redaction, key);
      const eventId = computeEventId(codec, create, v12);
      const roomId = roomIdFromCreateEvent(codec, create, v12);
      assert.equal(roomId, '!' + eventId.slice(1));
      assert.equal(roomId.length, 44);
      assert.ok(isV12RoomId(roomId));
      assert.deepEqual(parseRoomId(roomId), { localpart: roomId.slice(1), serverName: undefined });
      assert.deepEqual(decodeBase64Url(roomId.slice(1)), referenceHash(codec, create, 'v11'));
      // additional_creators is create content, which v11 redaction keeps: it is bound into the room id.
      const other = signEvent(codec, testSigner, { ...create, content: { room_version: '12' } }, v12.redaction, key);
      assert.notEqual(roomIdFromCreateEvent(codec, other, v12), roomId);
    });
  });
}

test('roomIdFromCreateEventId', () => {
  assert.equal(roomIdFromCreateEventId('$RrGxF28UrHLmoASHndYb9Jb_1SFww2ptmtur9INS438'), '!RrGxF28UrHLmoASHndYb9Jb_1SFww2ptmtur9INS438');
  assert.throws(() => roomIdFromCreateEventId('!nope'), TypeError);
});
