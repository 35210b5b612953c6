// Tests for the path template tag and query encoding.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { encodeQuery, path } from './path.ts';

test('path encodes each parameter, not the template', () => {
  const roomId = '!abc/def:example.org';
  const eventId = '$Ev+/ent=?#';
  assert.equal(
    path`/_matrix/federation/v1/state_ids/${roomId}`,
    '/_matrix/federation/v1/state_ids/!abc%2Fdef%3Aexample.org',
  );
  assert.equal(
    path`/_matrix/federation/v1/event_auth/${roomId}/${eventId}`,
    '/_matrix/federation/v1/event_auth/!abc%2Fdef%3Aexample.org/%24Ev%2B%2Fent%3D%3F%23',
  );
  assert.equal(path`/_matrix/federation/v1/send/${1700000000}`, '/_matrix/federation/v1/send/1700000000');
  assert.equal(path`/_matrix/key/v2/server`, '/_matrix/key/v2/server');
});

test('encodeQuery: order kept, arrays repeat, undefined skipped, values encoded', () => {
  assert.equal(encodeQuery(undefined), '');
  assert.equal(encodeQuery({}), '');
  assert.equal(encodeQuery({ a: undefined }), '');
  assert.equal(encodeQuery({ ver: ['10', '11'], limit: 5, x: true }), '?ver=10&ver=11&limit=5&x=true');
  assert.equal(encodeQuery({ 'odd key': 'a&b=c d' }), '?odd%20key=a%26b%3Dc%20d');
  assert.equal(encodeQuery({ v: '$event:id' }), '?v=%24event%3Aid');
});
