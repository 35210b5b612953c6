// The lab as mounted on a real server's admin port: results API, /lab/, and the /_lab/live WebSocket showing a swap.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket } from 'undici';
import { call } from '../testing/http.ts';
import { startTestServer, type TestServer } from '../testing/test-server.ts';
import { writeSampleResults } from './result-fixtures.ts';

type Msg = { type: string; [k: string]: any }; // eslint-disable-line @typescript-eslint/no-explicit-any -- JSON from the socket

let s: TestServer;
let scratch = '';

before(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'lab-mount-'));
  writeSampleResults(join(scratch, 'results'));
  s = await startTestServer([], { lab: { resultsDir: join(scratch, 'results'), uiDir: join(scratch, 'no-dist') } });
});
after(async () => {
  await s.stop();
  rmSync(scratch, { recursive: true, force: true });
});

/** Messages from the socket, and a way to wait for one that matches. */
function listen(ws: WebSocket) {
  const seen: Msg[] = [];
  const waiters: { pred: (m: Msg) => boolean; ok: (m: Msg) => void }[] = [];
  ws.addEventListener('message', (e) => {
    const m = JSON.parse(String(e.data)) as Msg;
    seen.push(m);
    for (const w of [...waiters]) if (w.pred(m)) waiters.splice(waiters.indexOf(w), 1), w.ok(m);
  });
  const next = (pred: (m: Msg) => boolean, what: string) => new Promise<Msg>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`no ${what} on /_lab/live (got: ${seen.map((m) => m.type).join(', ')})`)), 10_000);
    waiters.push({ pred, ok: (m) => (clearTimeout(timer), ok(m)) });
  });
  return { seen, next };
}

test('results and the not-built page are served on the admin port', async () => {
  const r = await call('GET', `${s.adminUrl}/_lab/results?scenario=signer`);
  assert.equal(r.status, 200);
  assert.ok(r.body.results.length > 0);
  assert.equal(r.body.skipped.length, 2);
  const page = await call('GET', `${s.adminUrl}/lab/`);
  assert.equal(page.status, 503);
  assert.match(page.text, /has not been built/);
  const unknown = await call('GET', `${s.adminUrl}/_lab/nothing`);
  assert.equal(unknown.body.errcode, 'M_UNRECOGNIZED');
});

test('/_lab/live: hello, then a frame per second; a REST swap shows up as a swap event and in the next frames', async () => {
  const ws = new WebSocket(`${s.adminUrl.replace('http', 'ws')}/_lab/live`);
  const live = listen(ws);
  try {
    const hello = await live.next((m) => m.type === 'hello', 'hello');
    assert.equal(hello.server_name, s.config.serverName);
    assert.equal(hello.interval_ms, 1000);
    const tick = await live.next((m) => m.type === 'tick', 'frame');
    for (const k of ['t', 'requests_per_s', 'pdus_per_s', 'p50_ms', 'p99_ms', 'rss_bytes', 'heap_used_bytes', 'experiment']) assert.ok(k in tick, k);
    assert.equal(tick.slots.signer.impl, 'node-crypto');
    const gen = tick.slots.signer.generation;
    const put = await call('PUT', `${s.adminUrl}/_lab/slots/signer`, { impl: 'tweetnacl' });
    assert.equal(put.status, 200);
    const swap = await live.next((m) => m.type === 'swap', 'swap event');
    assert.deepEqual([swap.slot, swap.impl, swap.ok, swap.generation, swap.trigger], ['signer', 'tweetnacl', true, gen + 1, 'api']);
    const after = await live.next((m) => m.type === 'tick' && m.slots.signer.impl === 'tweetnacl', 'frame after the swap');
    assert.equal(after.slots.signer.generation, gen + 1);
    const bad = await call('PUT', `${s.adminUrl}/_lab/slots/signer`, { impl: 'no-such-impl' });
    assert.equal(bad.status, 400);
    const failed = await live.next((m) => m.type === 'swap' && m.ok === false, 'failed swap event');
    assert.equal(failed.impl, 'no-such-impl');
    await call('POST', `${s.adminUrl}/_lab/experiments/baseline`);
    await live.next((m) => m.type === 'swap' && m.impl === 'node-crypto' && m.trigger === 'experiment:baseline', 'experiment swap');
  } finally {
    ws.close();
  }
});
