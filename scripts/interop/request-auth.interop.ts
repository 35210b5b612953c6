// Interop: a real Synapse authenticates federation requests we sign (server-server-api §Request Authentication):
// it fetches our key from us, accepts a request signed with it, and refuses bad signatures with 401.
import { randomBytes } from 'node:crypto';
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { signRequest } from '../../core/matrix/x-matrix.ts';
import { FederationRequestError, path } from '../../core/outbound/index.ts';
import { call } from '../../core/testing/http.ts';
import { codec, signer, signingClient, usePeers, type SynapseUser } from './lib/index.ts';

const PROFILE = path`/_matrix/federation/v1/query/profile`;

describe('Synapse authenticates our signed federation requests', () => {
  const peers = usePeers();
  let alice: SynapseUser;

  before(async () => {
    alice = await peers.synapse.client.register('alice');
    await alice.setDisplayName('Alice of Synapse');
  });

  test('GET /query/profile signed with our key → 200 with her profile', async () => {
    const { synapse, fluct } = peers;
    const client = signingClient(fluct.signingKey());
    try {
      const profile = await client.get<{ displayname?: string }>(synapse.serverName, PROFILE, { query: { user_id: alice.userId }, timeoutMs: 30_000 });
      assert.equal(profile.displayname, 'Alice of Synapse');
    } finally {
      await client.close();
    }
  });

  test('the same request signed by another key under our key id → 401 M_UNAUTHORIZED', async () => {
    const { synapse, fluct } = peers;
    const forged = { ...fluct.signingKey(), seed: new Uint8Array(randomBytes(32)) };
    const client = signingClient(forged);
    try {
      await assert.rejects(
        client.get(synapse.serverName, PROFILE, { query: { user_id: alice.userId }, timeoutMs: 30_000 }),
        (e: unknown) => {
          assert.ok(e instanceof FederationRequestError, String(e));
          assert.equal(e.status, 401, e.message);
          assert.equal(e.errcode, 'M_UNAUTHORIZED', e.message);
          return true;
        },
      );
    } finally {
      await client.close();
    }
  });

  test('a request signed for another destination → 401', async () => {
    const { synapse, fluct } = peers;
    const uri = `${PROFILE}?user_id=${encodeURIComponent(alice.userId)}`;
    const auth = signRequest(codec, signer, { method: 'GET', uri, destination: 'elsewhere.example' }, fluct.signingKey());
    const r = await call('GET', `${synapse.url}${uri}`, undefined, { authorization: auth });
    assert.equal(r.status, 401, r.text);
    // Control: the same request signed for Synapse passes, so the destination alone made the difference.
    const good = signRequest(codec, signer, { method: 'GET', uri, destination: synapse.serverName }, fluct.signingKey());
    const ok = await call('GET', `${synapse.url}${uri}`, undefined, { authorization: good });
    assert.equal(ok.status, 200, ok.text);
  });
});
