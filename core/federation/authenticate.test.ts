// X-Matrix request authentication end to end: a real server B signs, a listener A fetches B's key and checks.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import uws from 'uWebSockets.js';
import { mountRoutes } from '../http/serve.ts';
import { Keyring } from '../keys/keyring.ts';
import { ServerKeys } from '../keys/server-keys.ts';
import { generateSelfSignedCert } from '../keys/tls-cert.ts';
import { formatXMatrix, signRequest, signedRequestBytes } from '../matrix/x-matrix.ts';
import { encodeBase64 } from '../matrix/base64.ts';
import { FederationClient } from '../outbound/index.ts';
import { call } from '../testing/http.ts';
import { startTestServer, type TestServer } from '../testing/test-server.ts';
import { makeAuthenticator } from './authenticate.ts';
import { writeFileSync } from 'node:fs';

let b: TestServer;
let socket: uws.us_listen_socket;
let aName = '';
let aUrl = '';
let fetches = 0;
const dir = mkdtempSync(join(tmpdir(), 'fl-auth-'));

before(async () => {
  b = await startTestServer();
  const slots = b.host.active; // any loaded slots will do for A's checks
  const cert = generateSelfSignedCert({ host: '127.0.0.1' });
  writeFileSync(join(dir, 'k.pem'), cert.keyPem);
  writeFileSync(join(dir, 'c.pem'), cert.certPem);
  const app = uws.SSLApp({ key_file_name: join(dir, 'k.pem'), cert_file_name: join(dir, 'c.pem') });
  await new Promise<void>((ok) => app.listen('127.0.0.1', 0, (s) => { socket = s as uws.us_listen_socket; ok(); }));
  const port = uws.us_socket_local_port(socket);
  aName = `127.0.0.1:${port}`;
  aUrl = `https://${aName}`;
  const own = new ServerKeys({ serverName: aName, keyId: 'ed25519:a', seed: new Uint8Array(32).fill(7), slots });
  const client = new FederationClient({ serverName: aName, tlsVerify: false, authorize: () => '' });
  const keyring = new Keyring({ own, slots, minRefetchMs: 0, fetch: (s) => { fetches++; return client.get(s, '/_matrix/key/v2/server', { auth: false }); } });
  mountRoutes(app, [
    { method: 'GET', path: '/_matrix/federation/v1/whoami', auth: 'x-matrix', handle: (r) => ({ json: { origin: r.origin } }) },
    { method: 'PUT', path: '/_matrix/federation/v1/echo/:x', auth: 'x-matrix', handle: (r) => ({ json: { origin: r.origin, body: r.json() } }) },
  ], { authenticate: makeAuthenticator(aName, keyring, slots) });
});
after(async () => {
  uws.us_listen_socket_close(socket);
  await b.stop();
  rmSync(dir, { recursive: true, force: true });
});

const sign = (method: string, uri: string, content?: unknown, destination = aName) =>
  signRequest(b.host.active.json, b.host.active.signer, { method, uri, destination, content }, b.serverKeys.signingKey);

test('a request signed by B through its own client is accepted, with B as origin', async () => {
  const r = await b.client.get<{ origin: string }>(aName, '/_matrix/federation/v1/whoami');
  assert.equal(r.origin, b.config.serverName);
  const body = { a: [1, 'ü'], n: null };
  const p = await b.client.put<{ origin: string; body: unknown }>(aName, '/_matrix/federation/v1/echo/%21x%3Ay', body);
  assert.deepEqual(p, { origin: b.config.serverName, body });
  assert.ok(fetches >= 1);
});

test('failures are 401 M_UNAUTHORIZED with a precise reason', async () => {
  const uri = '/_matrix/federation/v1/whoami';
  const cases: Array<[string, Record<string, string>, RegExp]> = [
    ['no header', {}, /missing Authorization/],
    ['wrong scheme', { authorization: 'Bearer abc' }, /scheme/],
    ['missing sig', { authorization: `X-Matrix origin="${b.config.serverName}",key="ed25519:x"` }, /sig/],
    ['wrong destination', { authorization: sign('GET', uri, undefined, 'other.example') }, /destination/],
    ['signature for another uri', { authorization: sign('GET', uri + '?x=1') }, /does not verify/],
    ['tampered signature', { authorization: sign('GET', uri).replace(/sig="(.)/, (_m, c: string) => `sig="${c === 'A' ? 'B' : 'A'}`) }, /does not verify/],
    ['unknown key id', { authorization: sign('GET', uri).replace(/key="[^"]+"/, 'key="ed25519:nope"') }, /no valid key ed25519:nope/],
    ['unreachable origin', { authorization: sign('GET', uri).replace(/origin="[^"]+"/, 'origin="127.0.0.1:1"') }, /no valid key/],
  ];
  for (const [what, headers, re] of cases) {
    const r = await call('GET', aUrl + uri, undefined, headers);
    assert.equal(r.status, 401, what);
    assert.equal(r.body.errcode, 'M_UNAUTHORIZED', what);
    assert.match(r.body.error, re, what);
  }
});

test('the body is covered by the signature', async () => {
  const uri = '/_matrix/federation/v1/echo/x';
  const authorization = sign('PUT', uri, { a: 1 });
  assert.equal((await call('PUT', aUrl + uri, { a: 1 }, { authorization })).status, 200);
  const r = await call('PUT', aUrl + uri, { a: 2 }, { authorization });
  assert.equal(r.status, 401);
  assert.equal(r.body.errcode, 'M_UNAUTHORIZED');
  // A destination-less header is still accepted (receivers must accept its absence).
  const noDest = authorization.replace(/destination="[^"]+",/, '');
  assert.equal((await call('PUT', aUrl + uri, { a: 1 }, { authorization: noDest })).status, 200);
});

test('a body our encoder refuses (a float) is accepted when the signature covers it as sent; refused otherwise', async () => {
  const uri = '/_matrix/federation/v1/echo/f';
  const raw = '{"a":1.5,"b":[1e2]}'; // what a sender whose canonical encoder writes floats would send
  const active = b.host.active;
  const message = signedRequestBytes(active.json, { method: 'PUT', uri, origin: b.config.serverName, destination: aName, contentBytes: new TextEncoder().encode(raw) });
  const key = b.serverKeys.signingKey;
  const authorization = formatXMatrix({ origin: key.entity, destination: aName, key: key.keyId, sig: encodeBase64(active.signer.sign(key.seed, message)) });
  const ok = await call('PUT', aUrl + uri, raw, { authorization });
  assert.equal(ok.status, 200, JSON.stringify(ok.body));
  assert.deepEqual(ok.body.body, { a: 1.5, b: [100] });
  // The same body under a signature over something else: our encoder's refusal is the answer (400 M_BAD_JSON).
  const other = await call('PUT', aUrl + uri, raw, { authorization: sign('PUT', uri, { a: 1 }) });
  assert.equal(other.status, 400);
  assert.equal(other.body.errcode, 'M_BAD_JSON');
  // A body sent with other spacing: our canonical encoding of what it parses to is what verifies.
  const spaced = '{"a": 1}';
  const r = await call('PUT', aUrl + uri, spaced, { authorization: sign('PUT', uri, { a: 1 }) });
  assert.equal(r.status, 200, 'our canonical encoding of the parsed body verifies whatever the spacing');
});
