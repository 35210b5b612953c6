// Integration tests: our key server, key persistence, old keys, and the notary between two real servers.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { call } from '../testing/http.ts';
import { startTestServer, type TestServer } from '../testing/test-server.ts';
import { parseKeyResponse } from '../keys/key-response.ts';
import { verifyWithKey } from '../matrix/signing.ts';
import { tryDecodeBase64 } from '../matrix/base64.ts';

const servers: TestServer[] = [];
after(async () => Promise.all(servers.map((s) => s.stop())));

test('GET /_matrix/key/v2/server: self-signed, unpadded, valid for at least an hour, stable across restarts', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'fl-keys-'));
  writeFileSync(join(dataDir, 'old_signing_keys.json'), JSON.stringify({ 'ed25519:old1': { key: 'XGX0JRS2Af3be3knz2fBiRbApjm2Dh61gXDJA8kcJNI', expired_ts: 1_600_000_000_000 } }));
  const s = await startTestServer([], { dataDir });
  const r = await call('GET', `${s.fedUrl}/_matrix/key/v2/server`);
  assert.equal(r.status, 200);
  assert.equal(r.headers['content-type'], 'application/json');
  const parsed = parseKeyResponse(s.host.active, r.body, s.config.serverName);
  assert.ok(typeof parsed !== 'string', String(parsed));
  assert.ok(parsed.validUntilTs >= Date.now() + 60 * 60 * 1000);
  assert.doesNotMatch(r.text, /=/, 'keys and signatures are unpadded base64');
  assert.deepEqual(r.body.old_verify_keys, { 'ed25519:old1': { key: 'XGX0JRS2Af3be3knz2fBiRbApjm2Dh61gXDJA8kcJNI', expired_ts: 1_600_000_000_000 } });
  // Synapse's key file format, and the same key after a restart.
  const line = readFileSync(join(dataDir, 'signing.key'), 'utf8');
  assert.match(line, /^ed25519 a_[A-Za-z0-9]{4} [A-Za-z0-9+/]{43}\n$/);
  const keyId = Object.keys(r.body.verify_keys)[0];
  assert.equal(keyId, `ed25519:${line.split(' ')[1]}`);
  await s.stop({ keepData: true });
  const again = await startTestServer([], { dataDir });
  servers.push(again);
  const r2 = await call('GET', `${again.fedUrl}/_matrix/key/v2/server`);
  assert.deepEqual(Object.keys(r2.body.verify_keys), [keyId]);
});

test('notary: A serves B\'s keys with both signatures, by GET and POST, and from cache once B is gone', async () => {
  const a = await startTestServer();
  const b = await startTestServer();
  servers.push(a);
  const bName = b.config.serverName;
  const check = (resp: any) => {
    const slots = a.host.active;
    const bKeyId = Object.keys(resp.verify_keys)[0]!;
    const bKey = tryDecodeBase64(resp.verify_keys[bKeyId].key)!;
    assert.ok(verifyWithKey(slots.json, slots.signer, resp, bName, bKeyId, bKey), 'origin signature');
    const aKeyId = a.serverKeys.signingKey.keyId;
    assert.ok(verifyWithKey(slots.json, slots.signer, resp, a.config.serverName, aKeyId, a.serverKeys.publicKey), 'notary signature');
  };
  const g = await call('GET', `${a.fedUrl}/_matrix/key/v2/query/${encodeURIComponent(bName)}`);
  assert.equal(g.status, 200);
  assert.equal(g.body.server_keys.length, 1);
  check(g.body.server_keys[0]);
  const p = await call('POST', `${a.fedUrl}/_matrix/key/v2/query`, { server_keys: { [bName]: {} } });
  assert.equal(p.status, 200);
  check(p.body.server_keys[0]);
  await b.stop();
  const cached = await call('GET', `${a.fedUrl}/_matrix/key/v2/query/${encodeURIComponent(bName)}?minimum_valid_until_ts=${Date.now() + 10 * 86400_000}`);
  assert.equal(cached.status, 200);
  assert.equal(cached.body.server_keys.length, 1, 'cached keys served while the origin is down');
  check(cached.body.server_keys[0]);
  const none = await call('POST', `${a.fedUrl}/_matrix/key/v2/query`, { server_keys: { '127.0.0.1:1': {} } });
  assert.deepEqual(none.body, { server_keys: [] });
});

test('notary input errors are Matrix errors', async () => {
  const a = await startTestServer();
  servers.push(a);
  const cases: Array<[string, string, unknown, number, string]> = [
    ['POST', '/_matrix/key/v2/query', '{"server_keys": ', 400, 'M_NOT_JSON'],
    ['POST', '/_matrix/key/v2/query', { server_keys: [] }, 400, 'M_BAD_JSON'],
    ['POST', '/_matrix/key/v2/query', { server_keys: { 'bad name!': {} } }, 400, 'M_BAD_JSON'],
    ['POST', '/_matrix/key/v2/query', { server_keys: { 'x.org': { 'ed25519:a': { minimum_valid_until_ts: 'soon' } } } }, 400, 'M_BAD_JSON'],
    ['GET', '/_matrix/key/v2/query/x.org?minimum_valid_until_ts=abc', undefined, 400, 'M_INVALID_PARAM'],
    ['GET', '/_matrix/key/v2/query/bad%20name', undefined, 400, 'M_INVALID_PARAM'],
  ];
  for (const [method, path, body, status, errcode] of cases) {
    const r = await call(method, a.fedUrl + path, body);
    assert.equal(r.status, status, `${method} ${path}`);
    assert.equal(r.body.errcode, errcode, `${method} ${path}`);
    assert.equal(typeof r.body.error, 'string');
  }
});
