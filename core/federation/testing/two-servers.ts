// TEST SUPPORT ONLY: two in-process servers — `home` (the server under test) and a `peer` — and a room created on
// home by a local user that the peer's user has joined over /send.
import { startTestServer, type TestServer } from '../../testing/test-server.ts';
import { Peer } from './peer.ts';

export interface TwoServers {
  readonly home: TestServer;
  readonly peer: Peer;
  readonly homeName: string;
  stop(): Promise<void>;
}

export async function twoServers(): Promise<TwoServers> {
  const started = await Promise.allSettled([startTestServer(), startTestServer()]);
  const failed = started.find((r) => r.status === 'rejected');
  if (failed !== undefined) {
    // Stop the one that did start, or its listeners keep the test process alive after the failure.
    await Promise.all(started.map((r) => (r.status === 'fulfilled' ? r.value.stop() : undefined)));
    throw failed.reason;
  }
  const [home, remote] = started.map((r) => (r as PromiseFulfilledResult<TestServer>).value) as [TestServer, TestServer];
  return {
    home, peer: new Peer(remote), homeName: home.config.serverName,
    async stop() {
      await Promise.all([home.stop(), remote.stop()]);
    },
  };
}

/** A public v12 room on home, created by `@alice:home`; the peer's `@bob` joins it through /send unless told not to. */
export async function sharedRoom(t: TwoServers, o: { peerJoins?: boolean; name?: string; initialState?: Array<{ type: string; stateKey?: string; content: Record<string, unknown> }> } = {}): Promise<{ roomId: string; alice: string; bob: string; joinId?: string }> {
  const ctx = t.home.ctx;
  const alice = ctx.directory.ensureUser(`@alice:${t.homeName}`);
  const roomId = await ctx.engine.createRoom({ creator: alice, preset: 'public_chat', roomVersion: '12', ...(o.name ? { name: o.name } : {}), ...(o.initialState ? { initialState: o.initialState } : {}) });
  const bob = t.peer.user('bob');
  if (o.peerJoins === false) return { roomId, alice, bob };
  const join = t.peer.build(ctx, roomId, { type: 'm.room.member', stateKey: bob, sender: bob, content: { membership: 'join' } });
  const r = await t.peer.send(t.homeName, [join.pdu]);
  if (r.status !== 200 || JSON.stringify(r.body.pdus[join.eventId]) !== '{}') throw new Error(`join failed: ${JSON.stringify(r)}`);
  return { roomId, alice, bob, joinId: join.eventId };
}
