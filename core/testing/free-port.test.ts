// freePort never hands out the same port twice in a row (a server's two listeners once got the same one).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { freePort } from './free-port.ts';

test('64 calls give 64 different ports', async () => {
  const ports = [];
  for (let i = 0; i < 64; i++) ports.push(await freePort());
  assert.equal(new Set(ports).size, 64);
  for (const p of ports) assert.ok(p > 0 && p < 65536);
});
