// Tests for the Fluctlight child-process harness (no Synapse needed): start, key, restart, stop, cleanup.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { FluctlightProcess } from './fluctlight.ts';
import { selfSignedKey, signer } from './keys.ts';
import { removeRunDir } from './run-dir.ts';

describe('FluctlightProcess', { timeout: 180_000 }, () => {
  after(() => removeRunDir());

  test('starts on free ports, serves the key from its data dir, keeps it across a restart, stops with exit 0', async () => {
    const f = await FluctlightProcess.start();
    try {
      assert.equal(f.serverName, `127.0.0.1:${f.fedPort}`);
      const key = await selfSignedKey(f.fedUrl, f.serverName);
      const own = f.signingKey();
      assert.equal(key.keyId, own.keyId);
      assert.deepEqual(key.publicKey, signer.publicKey(own.seed));
      const pid = f.pid;
      await f.restart();
      assert.notEqual(f.pid, pid);
      assert.deepEqual((await selfSignedKey(f.fedUrl, f.serverName)).publicKey, key.publicKey);
      assert.equal(await f.stop(), 0);
      assert.equal(f.running, false);
      assert.match(f.log(), /SIGTERM: finishing in-flight requests/);
    } finally {
      await f.dispose();
    }
    assert.equal(existsSync(f.dataDir), false);
    assert.equal(existsSync(f.logPath), false);
  });

  test('a server that cannot start is reported with its log', async () => {
    await assert.rejects(FluctlightProcess.start({ flags: ['--experiment', 'no-such-experiment'] }), /exited during startup[\s\S]*no-such-experiment/);
  });
});
