// Swapping every slot's implementation while clients keep sending signed requests: zero failures.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { call } from '../testing/http.ts';
import { startTestServer, type TestServer } from '../testing/test-server.ts';
import { SLOT_NAMES } from './registry.ts';

const servers: TestServer[] = [];
after(async () => Promise.all(servers.map((s) => s.stop())));

test('every slot swaps back and forth under load with no failed request', async () => {
  const a = await startTestServer();
  const b = await startTestServer();
  servers.push(a, b);
  const aName = a.config.serverName;
  const user = `@alice:${aName}`;
  let stop = false;
  const failures: string[] = [];
  let ok = 0;
  // Signed requests from B exercise A's json + signer slots on every request (X-Matrix verification), and B's
  // own slots for signing; plain key and notary requests run beside them.
  const clients = Array.from({ length: 6 }, (_, i) => (async () => {
    while (!stop) {
      try {
        if (i % 3 === 0) {
          const r = await b.client.post<{ device_keys: Record<string, unknown> }>(aName, '/_matrix/federation/v1/user/keys/query', { device_keys: { [user]: [] } });
          assert.deepEqual(r, { device_keys: { [user]: {} } });
        } else if (i % 3 === 1) {
          const r = await b.client.get<{ devices: unknown[] }>(aName, `/_matrix/federation/v1/user/devices/${encodeURIComponent(user)}`);
          assert.deepEqual(r.devices, []);
        } else {
          const r = await call('POST', `${a.fedUrl}/_matrix/key/v2/query`, { server_keys: { [b.config.serverName]: {} } });
          assert.equal(r.status, 200);
          assert.equal(r.body.server_keys.length, 1);
        }
        ok++;
      } catch (e) {
        failures.push(String(e));
      }
    }
  })());
  const swaps: string[] = [];
  for (let round = 0; round < 3; round++) {
    for (const server of [a, b]) {
      for (const slot of SLOT_NAMES) {
        const status = (await call('GET', `${server.adminUrl}/_lab/status`)).body;
        const { impl, available } = status.slots[slot];
        const next = available[(available.indexOf(impl) + 1) % available.length];
        const r = await call('PUT', `${server.adminUrl}/_lab/slots/${slot}`, { impl: next });
        assert.equal(r.status, 200, JSON.stringify(r.body));
        assert.equal(r.body.impl, next);
        swaps.push(`${slot}:${next}`);
        await new Promise((res) => setTimeout(res, 20));
      }
    }
  }
  stop = true;
  await Promise.all(clients);
  assert.deepEqual(failures, [], `failed requests during ${swaps.length} swaps`);
  assert.ok(ok > 50, `only ${ok} requests completed`);
  const status = (await call('GET', `${a.adminUrl}/_lab/status`)).body;
  for (const slot of SLOT_NAMES) assert.equal(status.slots[slot].generation, 4, `${slot} swapped 3 times after the initial load`);
});
