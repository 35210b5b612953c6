// Engine-level ingest per `store` implementation: RoomEngine.receive of remote PDUs in batches of 50 (format,
// content hash, auth rules, state, the store's writes) into a 100-member room, with the signature checks
// skipped (`dangerouslySkipSignatureChecksForBenchmark`: what is left is the engine's and the store's own
// cost), plus the same messages with node-crypto signature checks for scale. Each sample ingests into a fresh
// room (built outside the timing) from freshly parsed PDUs, as they come off the wire.
import { bench, do_not_optimize, group, summary } from 'mitata';
import { keyFor, FakeKeys, RemoteServer, slots, type LocalServer } from '../../core/rooms/testing/harness.ts';
import { MemoryRoomData } from '../../core/rooms/room-data.ts';
import { RoomEngine } from '../../core/rooms/room-engine.ts';
import { Outcome } from '../../core/rooms/outcome.ts';
import type { JsonObject } from '../../core/matrix/signing.ts';
import type { EventStore } from '../../core/slots/store.ts';
import type { PluginFactory } from '../../core/slots/plugin.ts';
import { selfCheck } from '../../plugins/store/self-check.ts';
import { discover } from './discover.ts';
import { note, runBenchmarks } from './cli.ts';

const impls = await discover<EventStore>('store', selfCheck);
if (impls.length === 0) note('no store implementations found');

const LOCAL = 'local.test';
const MEMBERS = 100;
const MESSAGES = 1000;
const JOINS = 500;
const BATCH = 50;

const keys = new FakeKeys();
const localKey = keyFor(LOCAL);
keys.add(localKey);
const remote = new RemoteServer('remote.test', keys);

interface Room {
  readonly engine: RoomEngine;
  readonly roomId: string;
}

/** A room created by our user, deterministically (same clock, same key): every fresh one has the same event ids. */
async function freshRoom(factory: PluginFactory<EventStore>, skipSignatures: boolean, baseJoins: readonly JsonObject[][]): Promise<Room> {
  const store = factory();
  let clock = 1_700_000_000_000;
  const engine = new RoomEngine({
    data: new MemoryRoomData(() => store), slots, serverName: LOCAL, signingKey: () => localKey, eventKey: keys.eventKey,
    now: () => clock++, dangerouslySkipSignatureChecksForBenchmark: skipSignatures,
  });
  const roomId = await engine.createRoom({ creator: `@alice:${LOCAL}`, preset: 'public_chat', roomVersion: '12' });
  for (const batch of baseJoins) await ingest(engine, roomId, batch);
  return { engine, roomId };
}

async function ingest(engine: RoomEngine, roomId: string, pdus: readonly JsonObject[]): Promise<number> {
  const results = await engine.receive(roomId, pdus);
  let accepted = 0;
  for (const r of results) if (r.outcome === Outcome.ACCEPTED) accepted++;
  return accepted;
}

/** `n` events from the remote server, chained on the template room's head, in batches of BATCH. */
function chain(t: LocalServer, roomId: string, n: number, make: (i: number) => { type: string; sender: string; stateKey?: string; content: Record<string, unknown> }): JsonObject[][] {
  const out: JsonObject[][] = [];
  let prev = t.engine.room(roomId)!.extremities;
  let depth = t.store.get(prev[0]!)!.depth;
  for (let i = 0; i < n; i++) {
    if (i % BATCH === 0) out.push([]);
    const e = remote.build(t, roomId, { ...make(i), prevEvents: prev, depth: ++depth });
    out[out.length - 1]!.push(e.pdu);
    prev = [e.eventId];
  }
  return out;
}

// The workload, built once on a template room (objects store) with signatures (so one set serves both modes).
const template = impls.find((i) => i.name === 'objects') ?? impls[0]!;
const t0 = await freshRoom(template.factory, false, []);
const tmpl: LocalServer = { engine: t0.engine, store: t0.engine.ctx.store(), keys, name: LOCAL };
const user = (i: number) => `@m${i}:remote.test`;
const baseJoins = chain(tmpl, t0.roomId, MEMBERS, (i) => ({ type: 'm.room.member', sender: user(i), stateKey: user(i), content: { membership: 'join' } }));
for (const b of baseJoins) await ingest(t0.engine, t0.roomId, b);
const messages = chain(tmpl, t0.roomId, MESSAGES, (i) => ({ type: 'm.room.message', sender: user(i % MEMBERS), content: { msgtype: 'm.text', body: `message ${i}: the quick brown fox jumps over the lazy dog` } }));
const joiner = (i: number) => `@j${i}:remote.test`;
const joins = chain(tmpl, t0.roomId, JOINS, (i) => ({ type: 'm.room.member', sender: joiner(i), stateKey: joiner(i), content: { membership: 'join' } }));
const messagesJson = JSON.stringify(messages);
const joinsJson = JSON.stringify(joins);

/** Fails loudly if a workload is not fully accepted by an implementation (the benchmark would measure refusals). */
async function check(name: string, factory: PluginFactory<EventStore>, skip: boolean, json: string, expected: number): Promise<void> {
  const room = await freshRoom(factory, skip, baseJoins);
  let accepted = 0;
  for (const b of JSON.parse(json) as JsonObject[][]) accepted += await ingest(room.engine, room.roomId, b);
  if (accepted !== expected) throw new Error(`${name}: ${accepted} of ${expected} PDUs accepted`);
}

function ingestGroup(title: string, skip: boolean, json: string): void {
  group(title, () => {
    summary(() => {
      for (const { name, factory } of impls) {
        bench(name, function* () {
          yield {
            [0]: () => freshRoom(factory, skip, baseJoins),
            [1]: () => JSON.parse(json) as JsonObject[][],
            async bench(room: Room, batches: JsonObject[][]) {
              let accepted = 0;
              for (const b of batches) accepted += await ingest(room.engine, room.roomId, b);
              return do_not_optimize(accepted);
            },
          };
        }).gc('inner');
      }
    });
  });
}

for (const { name, factory } of impls) {
  await check(name, factory, true, messagesJson, MESSAGES);
  await check(name, factory, true, joinsJson, JOINS);
}

ingestGroup(`ingest ${MESSAGES} m.room.message PDUs (${MESSAGES / BATCH} × ${BATCH}) into a ${MEMBERS}-member room, signature checks skipped (per ${MESSAGES})`, true, messagesJson);
ingestGroup(`ingest ${JOINS} member joins (${JOINS / BATCH} × ${BATCH}) into a ${MEMBERS}-member room, signature checks skipped (per ${JOINS})`, true, joinsJson);
ingestGroup(`ingest ${MESSAGES} m.room.message PDUs with node-crypto signature checks, for scale (per ${MESSAGES})`, false, messagesJson);

await runBenchmarks();
