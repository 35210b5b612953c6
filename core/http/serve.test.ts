// Tests for the uWS route layer: routing, 404/405, body limits, JSON errors, failures never crash.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import uws from 'uWebSockets.js';
import { request } from 'undici';
import { mountRoutes } from './serve.ts';
import type { Route } from './route.ts';
import { forbidden } from '../matrix/errors.ts';

let base = '';
let socket: uws.us_listen_socket | undefined;
const finished: number[] = [];

const routes: Route[] = [
  { method: 'GET', path: '/_matrix/test/echo/:a/:b', auth: 'none', handle: (r) => ({ json: { params: r.params, q: r.query().get('x'), path: r.path } }) },
  { method: 'PUT', path: '/_matrix/test/body', auth: 'none', maxBody: 1024, handle: (r) => ({ json: { got: r.json() } }) },
  { method: 'POST', path: '/_matrix/test/raw', auth: 'none', handle: (r) => ({ raw: new Uint8Array(r.body ?? []) }) },
  { method: 'GET', path: '/_matrix/test/forbidden', auth: 'none', handle: () => { throw forbidden('no'); } },
  { method: 'GET', path: '/_matrix/test/boom', auth: 'none', handle: async () => { throw new Error('kaboom'); } },
  { method: 'GET', path: '/_matrix/test/slow', auth: 'none', handle: () => new Promise((r) => setTimeout(() => r({ json: { slow: true } }), 50)) },
];

before(async () => {
  const app = uws.App();
  mountRoutes(app, routes, { track: () => (status) => finished.push(status), log: () => {} });
  await new Promise<void>((ok) => app.listen('127.0.0.1', 0, (s) => { socket = s || undefined; ok(); }));
  base = `http://127.0.0.1:${uws.us_socket_local_port(socket!)}`;
});
after(() => { if (socket) uws.us_listen_socket_close(socket); });

async function go(method: string, path: string, body?: string | Uint8Array) {
  const res = await request(base + path, { method: method as 'GET', body: body ?? null });
  const text = await res.body.text();
  return { status: res.statusCode, text, json: text ? JSON.parse(text) : undefined };
}

test('parameters are percent-decoded; query and raw path kept', async () => {
  const r = await go('GET', '/_matrix/test/echo/%21room%3Aex.org/%24ev?x=%40u');
  assert.equal(r.status, 200);
  assert.deepEqual(r.json, { params: ['!room:ex.org', '$ev'], q: '@u', path: '/_matrix/test/echo/%21room%3Aex.org/%24ev' });
});

test('unknown path 404 M_UNRECOGNIZED, known path with another method 405 M_UNRECOGNIZED', async () => {
  const a = await go('GET', '/_matrix/test/nothing');
  assert.equal(a.status, 404);
  assert.equal(a.json.errcode, 'M_UNRECOGNIZED');
  const b = await go('DELETE', '/_matrix/test/body');
  assert.equal(b.status, 405);
  assert.equal(b.json.errcode, 'M_UNRECOGNIZED');
  const c = await go('GET', '/elsewhere');
  assert.equal(c.status, 404);
  assert.equal(c.json.errcode, 'M_NOT_FOUND');
});

test('bodies: JSON object required, limit enforced with 413 M_TOO_LARGE', async () => {
  assert.deepEqual((await go('PUT', '/_matrix/test/body', '{"a":[1,"é"]}')).json, { got: { a: [1, 'é'] } });
  const notJson = await go('PUT', '/_matrix/test/body', '{"a":');
  assert.equal(notJson.status, 400);
  assert.equal(notJson.json.errcode, 'M_NOT_JSON');
  const array = await go('PUT', '/_matrix/test/body', '[1]');
  assert.equal(array.json.errcode, 'M_NOT_JSON');
  // Bodies are parsed leniently: canonical-JSON rules are applied where canonical JSON is needed (per PDU).
  const float = await go('PUT', '/_matrix/test/body', '{"a":1.5}');
  assert.deepEqual(float.json, { got: { a: 1.5 } });
  const empty = await go('PUT', '/_matrix/test/body');
  assert.equal(empty.json.errcode, 'M_NOT_JSON');
  const big = await go('PUT', '/_matrix/test/body', JSON.stringify({ a: 'x'.repeat(2000) }));
  assert.equal(big.status, 413);
  assert.equal(big.json.errcode, 'M_TOO_LARGE');
});

test('a large body arriving in many chunks is reassembled exactly', async () => {
  const bytes = new Uint8Array(600_000).map((_, i) => (i * 7) & 0xff);
  const r = await request(base + '/_matrix/test/raw', { method: 'POST', body: bytes });
  const got = new Uint8Array(await r.body.arrayBuffer());
  assert.equal(r.statusCode, 200);
  assert.deepEqual(got, bytes);
});

test('Matrix errors keep their status; other exceptions are 500 M_UNKNOWN and the server keeps serving', async () => {
  const f = await go('GET', '/_matrix/test/forbidden');
  assert.deepEqual([f.status, f.json], [403, { errcode: 'M_FORBIDDEN', error: 'no' }]);
  const b = await go('GET', '/_matrix/test/boom');
  assert.equal(b.status, 500);
  assert.equal(b.json.errcode, 'M_UNKNOWN');
  assert.doesNotMatch(b.text, /kaboom/, 'internal details are not leaked');
  assert.equal((await go('GET', '/_matrix/test/slow')).json.slow, true);
});

test('every request is tracked to completion', async () => {
  const before = finished.length;
  await Promise.all([go('GET', '/_matrix/test/slow'), go('GET', '/_matrix/test/nothing')]);
  assert.equal(finished.length, before + 2);
});
