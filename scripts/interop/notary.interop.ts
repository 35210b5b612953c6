// Interop: notaries both ways with a real Synapse (server-server-api §Querying Keys Through Another Server).
// Synapse as notary returns our keys signed by us and by itself; our notary returns Synapse's keys signed by
// Synapse and by us. Every signature is checked cryptographically against the key its signer publishes.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { call } from '../../core/testing/http.ts';
import { entryFor, isSignedBy, selfSignedKey, signer, usePeers, type PublishedKey, type ServerKeyResponse } from './lib/index.ts';

/** The entry names `key`'s server, lists `key` exactly as its server publishes it, and both signatures verify. */
function assertCosigned(entry: ServerKeyResponse | undefined, key: PublishedKey, notary: PublishedKey): void {
  assert.ok(entry, `no entry for ${key.serverName} in the notary's answer`);
  assert.equal(entry.server_name, key.serverName);
  assert.deepEqual(entry.verify_keys[key.keyId], { key: key.base64 }, `verify_keys: ${JSON.stringify(entry.verify_keys)}`);
  assert.ok(entry.valid_until_ts > Date.now(), `valid_until_ts ${entry.valid_until_ts} is in the past`);
  assert.ok(isSignedBy(entry, key), `${key.serverName}'s own signature (${key.keyId}) does not verify`);
  assert.ok(isSignedBy(entry, notary), `notary ${notary.serverName}'s signature (${notary.keyId}) does not verify`);
  // The checks can fail: the same signatures over a changed object do not verify.
  const altered = { ...entry, valid_until_ts: entry.valid_until_ts + 1 };
  assert.equal(isSignedBy(altered, key), false);
  assert.equal(isSignedBy(altered, notary), false);
}

describe('key notaries with a real Synapse', () => {
  const peers = usePeers();

  /** Our key and Synapse's, each from the server itself and self-signed. */
  async function keys(): Promise<{ ours: PublishedKey; theirs: PublishedKey }> {
    const { synapse, fluct } = peers;
    const [ours, theirs] = await Promise.all([selfSignedKey(fluct.fedUrl, fluct.serverName), selfSignedKey(synapse.url, synapse.serverName)]);
    // What we publish is the key in our data dir.
    assert.deepEqual(ours.publicKey, signer.publicKey(fluct.signingKey().seed));
    assert.equal(ours.keyId, fluct.signingKey().keyId);
    return { ours, theirs };
  }

  /** POST /_matrix/key/v2/query to Synapse for our key id: on a cache miss Synapse fetches it from us first. */
  async function askSynapseForOurKey(ours: PublishedKey) {
    const { synapse } = peers;
    const body = { server_keys: { [ours.serverName]: { [ours.keyId]: { minimum_valid_until_ts: Date.now() } } } };
    const r = await call('POST', `${synapse.url}/_matrix/key/v2/query`, body);
    assert.equal(r.status, 200, r.text);
    return r.body;
  }

  test('Synapse as notary (POST, our key id) fetches our key from us and returns it signed by us and by Synapse', async () => {
    const { ours, theirs } = await keys();
    assertCosigned(entryFor(await askSynapseForOurKey(ours), ours.serverName), ours, theirs);
  });

  test('Synapse as notary (GET /_matrix/key/v2/query/{our name}) returns our key signed by us and by Synapse', async () => {
    const { ours, theirs } = await keys();
    const { synapse, fluct } = peers;
    // Synapse answers the all-keys form from its cache only (it fetches on a miss only when key ids are
    // named), so make sure it has our key first; that request is checked by the test above.
    await askSynapseForOurKey(ours);
    const r = await call('GET', `${synapse.url}/_matrix/key/v2/query/${encodeURIComponent(fluct.serverName)}`);
    assert.equal(r.status, 200, r.text);
    assertCosigned(entryFor(r.body, fluct.serverName), ours, theirs);
  });

  test('our notary (GET /_matrix/key/v2/query/{synapse}) returns Synapse\'s key signed by Synapse and by us', async () => {
    const { ours, theirs } = await keys();
    const { synapse, fluct } = peers;
    const r = await call('GET', `${fluct.fedUrl}/_matrix/key/v2/query/${encodeURIComponent(synapse.serverName)}`);
    assert.equal(r.status, 200, r.text);
    assertCosigned(entryFor(r.body, synapse.serverName), theirs, ours);
  });

  test('our notary (POST /_matrix/key/v2/query, all keys and by key id) returns Synapse\'s key signed by Synapse and by us', async () => {
    const { ours, theirs } = await keys();
    const { synapse, fluct } = peers;
    const criteria = [{}, { [theirs.keyId]: { minimum_valid_until_ts: Date.now() } }];
    for (const c of criteria) {
      const r = await call('POST', `${fluct.fedUrl}/_matrix/key/v2/query`, { server_keys: { [synapse.serverName]: c } });
      assert.equal(r.status, 200, `criteria ${JSON.stringify(c)}: ${r.text}`);
      assertCosigned(entryFor(r.body, synapse.serverName), theirs, ours);
    }
  });
});
