// The federation load generator: ONE process (started by fleet.ts, pinned to the generator's cores) playing N
// remote homeservers on loopback, so the server under test is measured, not the generator. It obeys the
// operations of protocol.ts received over the IPC channel and answers each with its result.
//   (spawned with stdio 'ipc'; not meant to be run by hand)
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateSelfSignedCert } from '../../../core/keys/tls-cert.ts';
import { backfillAll } from './backfill-walk.ts';
import { sendChain } from './chain.ts';
import { FakeServer } from './fake-server.ts';
import { prebuild, runIngest, type Branch } from './ingest.ts';
import { joinStorm, timedJoins } from './join-load.ts';
import { FedError, joinAndTrack } from './joins.ts';
import type { FleetOp, FleetOps, FleetReplies, FleetRequest, FleetResponse } from './protocol.ts';
import type { RoomView } from './room-view.ts';
import { settle, settleTimeoutMs } from './settle.ts';
import { PDUS_PER_TXN, type Txn } from './transactions.ts';

interface Room {
  readonly view: RoomView;
  /** Fake server name → its joined users. */
  readonly members: Map<string, string[]>;
  /** Each server's branch of messages (ingest), created on first use. */
  branches?: Branch[];
}

let servers: FakeServer[] = [];
const rooms = new Map<string, Room>();
/** Transactions built by `prepare`, per server, waiting for `ingest`. */
let prepared: Txn[][] | null = null;
let prebuildMs = 0;
let preparedHeads: string[] = [];

function room(roomId: string): Room {
  const r = rooms.get(roomId);
  if (r === undefined) throw new FedError(`no view of room ${roomId}: run join-servers first`);
  return r;
}

type Handlers = { [K in FleetOp]: (args: FleetOps[K]) => Promise<FleetReplies[K]> };

const handlers: Handlers = {
  async init(a) {
    const dir = mkdtempSync(join(tmpdir(), 'fl-fed-'));
    const cert = generateSelfSignedCert({ host: '127.0.0.1' });
    const keyFile = join(dir, 'tls.key');
    const certFile = join(dir, 'tls.crt');
    writeFileSync(keyFile, cert.keyPem, { mode: 0o600 });
    writeFileSync(certFile, cert.certPem);
    try {
      for (let i = 0; i < a.servers; i++) {
        servers.push(await FakeServer.start({ keyFile, certFile, targetOrigin: a.targetOrigin, targetName: a.targetName, connections: a.connections }));
      }
    } finally {
      rmSync(dir, { recursive: true, force: true }); // uWS has read the files
    }
    return { names: servers.map((s) => s.name) };
  },

  async 'join-servers'(a) {
    const t0 = performance.now();
    let view: RoomView | undefined;
    const members = new Map<string, string[]>();
    for (const s of servers) {
      const user = s.newUser('f');
      view = await joinAndTrack(s, a.roomId, user, view);
      members.set(s.name, [user]);
    }
    rooms.set(a.roomId, { view: view!, members });
    return { ms: performance.now() - t0, members: view!.count('m.room.member'), roomVersion: view!.rules.id };
  },

  async 'bulk-join'(a) {
    const r = room(a.roomId);
    const res = await sendChain(r.view, servers, r.members, 'join', a.count, a.gated);
    return { ...res, members: r.view.count('m.room.member') };
  },

  async 'fill-messages'(a) {
    const r = room(a.roomId);
    return sendChain(r.view, servers, r.members, 'message', a.count, a.gated);
  },

  async prepare(a) {
    const r = room(a.roomId);
    r.branches ??= servers.map((server) => ({ server, senders: r.members.get(server.name)!, prev: { ...r.view.head } }));
    const perServer = Math.max(PDUS_PER_TXN, Math.ceil(a.pdus / servers.length / PDUS_PER_TXN) * PDUS_PER_TXN);
    const t0 = performance.now();
    prepared = await prebuild(r.view, r.branches, perServer);
    preparedHeads = r.branches.map((b) => b.prev.id);
    prebuildMs = performance.now() - t0;
    return { pdus: perServer * servers.length, txns: prepared.reduce((n, l) => n + l.length, 0), prebuildMs };
  },

  async ingest(a) {
    if (prepared === null) throw new FedError('ingest: nothing prepared');
    const txns = prepared;
    prepared = null; // each event is sent once
    const heads = preparedHeads;
    const pdus = txns.reduce((n, l) => n + l.reduce((k, t) => k + t.ids.length, 0), 0);
    const gate = a.gated ? (t: Txn) => settle(t.server, t.ids.slice(-1), settleTimeoutMs(t.ids.length)) : null;
    return runIngest(txns, { rate: a.rate, prebuildMs, gate, settled: () => settle(servers[0]!, heads, settleTimeoutMs(pdus)) });
  },

  async 'timed-joins'(a) {
    return timedJoins(servers, room(a.roomId).view, a.count, a.omitMembers === true);
  },

  async 'join-storm'(a) {
    return joinStorm(servers, a.roomId, a.count, a.concurrency);
  },

  async backfill(a) {
    return backfillAll(servers[0]!, room(a.roomId).view, a.limit);
  },

  async quiesce(a) {
    const t0 = performance.now();
    for (;;) {
      const last = Math.max(0, ...servers.map((s) => s.received.lastAt));
      const now = performance.now();
      if (now - last >= a.idleMs) return { waitedMs: now - t0, drained: true };
      if (now - t0 >= a.maxMs) return { waitedMs: now - t0, drained: false };
      await new Promise((r) => setTimeout(r, 50));
    }
  },

  async stats() {
    return { servers: servers.map((s) => ({ name: s.name, ...s.received, unknownSamples: [...s.received.unknownSamples] })) };
  },

  async close() {
    await Promise.all(servers.map((s) => s.close()));
    servers = [];
    setTimeout(() => process.exit(0), 10);
    return {};
  },
};

process.on('message', (m: FleetRequest) => {
  const handle = handlers[m.op] as (args: unknown) => Promise<unknown>;
  const reply = (r: FleetResponse) => process.send!(r);
  if (handle === undefined) return reply({ id: m.id, ok: false, error: `unknown operation ${m.op}` });
  handle(m.args).then(
    (value) => reply({ id: m.id, ok: true, value }),
    (e: Error) => reply({ id: m.id, ok: false, error: e instanceof FedError ? e.message : (e.stack ?? e.message) }),
  );
});
process.on('disconnect', () => process.exit(0));
if (!process.send) {
  process.stderr.write('fleet-process.ts is started by bench/load/fed/fleet.ts over an IPC channel\n');
  process.exit(2);
}
