// The lab API on the admin port: status shape, slot swaps and their errors, experiments.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { call } from '../testing/http.ts';
import { startTestServer, type TestServer } from '../testing/test-server.ts';
import { SLOT_NAMES } from '../slots/registry.ts';

let s: TestServer;
before(async () => { s = await startTestServer(); });
after(async () => s.stop());

test('GET /_lab/status has the documented shape', async () => {
  const r = await call('GET', `${s.adminUrl}/_lab/status`);
  assert.equal(r.status, 200);
  const b = r.body;
  assert.equal(b.server_name, s.config.serverName);
  assert.equal(typeof b.uptime_ms, 'number');
  assert.equal(b.experiment, 'baseline');
  assert.equal(typeof b.reloads, 'number');
  assert.ok(b.memory.rss > 0 && b.memory.heap_used > 0);
  assert.deepEqual(Object.keys(b.slots).sort(), [...SLOT_NAMES].sort());
  for (const slot of SLOT_NAMES) {
    assert.equal(typeof b.slots[slot].impl, 'string');
    assert.equal(b.slots[slot].generation, 1);
    assert.ok(b.slots[slot].available.length >= 2, `${slot} has at least two implementations`);
    assert.ok(b.slots[slot].available.includes(b.slots[slot].impl));
  }
  assert.ok(Array.isArray(b.reload_memory.heap_delta_bytes));
});

test('PUT /_lab/slots/<slot> swaps, and refuses unknown slots, implementations and bad bodies with 400', async () => {
  const r = await call('PUT', `${s.adminUrl}/_lab/slots/signer`, { impl: 'tweetnacl' });
  assert.equal(r.status, 200);
  assert.equal(r.body.slot, 'signer');
  assert.equal(r.body.impl, 'tweetnacl');
  assert.equal(r.body.generation, 2);
  assert.equal(typeof r.body.swap_ms, 'number');
  assert.equal((await call('GET', `${s.adminUrl}/_lab/status`)).body.slots.signer.impl, 'tweetnacl');
  const unknownSlot = await call('PUT', `${s.adminUrl}/_lab/slots/nope`, { impl: 'x' });
  assert.equal(unknownSlot.status, 400);
  assert.equal(unknownSlot.body.code, 'FL_UNKNOWN_SLOT');
  const unknownImpl = await call('PUT', `${s.adminUrl}/_lab/slots/json`, { impl: 'nope' });
  assert.equal(unknownImpl.status, 400);
  assert.equal(unknownImpl.body.code, 'FL_UNKNOWN_IMPL');
  assert.match(unknownImpl.body.error, /available: /);
  const badBody = await call('PUT', `${s.adminUrl}/_lab/slots/json`, { implementation: 'single-pass' });
  assert.equal(badBody.status, 400);
  assert.equal(badBody.body.errcode, 'M_INVALID_PARAM');
  const notJson = await call('PUT', `${s.adminUrl}/_lab/slots/json`, 'impl=x');
  assert.equal(notJson.body.errcode, 'M_NOT_JSON');
});

test('experiments: listed with their resolved slots, applied by POST, unknown ones 404', async () => {
  const list = await call('GET', `${s.adminUrl}/_lab/experiments`);
  assert.equal(list.status, 200);
  const names = list.body.experiments.map((e: any) => e.name);
  assert.ok(names.includes('baseline') && names.includes('naive'));
  const naive = list.body.experiments.find((e: any) => e.name === 'naive');
  assert.equal(naive.extends, 'baseline');
  assert.deepEqual(Object.keys(naive.slots).sort(), [...SLOT_NAMES].sort());
  const applied = await call('POST', `${s.adminUrl}/_lab/experiments/naive`);
  assert.equal(applied.status, 200);
  assert.deepEqual(applied.body.slots, naive.slots);
  const st = (await call('GET', `${s.adminUrl}/_lab/status`)).body;
  assert.equal(st.experiment, 'naive');
  for (const slot of SLOT_NAMES) assert.equal(st.slots[slot].impl, naive.slots[slot]);
  const missing = await call('POST', `${s.adminUrl}/_lab/experiments/nope`);
  assert.equal(missing.status, 404);
  assert.equal(missing.body.errcode, 'M_NOT_FOUND');
});

test('the lab API is not on the federation listener', async () => {
  const r = await call('GET', `${s.fedUrl}/_lab/status`);
  assert.equal(r.status, 404);
});
