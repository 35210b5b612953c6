// Crash-test child: reopens the room data (replay, maybe a torn tail), then runs workload operations from
// concurrent "requests" and prints each operation's number only after commit() resolved. The parent
// SIGKILLs it at random moments. Snapshots are frequent so that kills also land in them.
// Usage: node --import tsx core/rooms/durable/crash-child.ts <dir> <seed> [writers=16] [snapshotEvery=1500] [maxOps=20000] [store=arena]
import { JournaledRoomData } from './journaled-room-data.ts';
import arenaStore from '../../../plugins/store/arena.ts';
import objectStore from '../../../plugins/store/objects.ts';
import { KV, Workload, kvHandlers, withKv } from './workload.test-support.ts';
import { durableAcks } from '../../testing/durable-acks.ts';

const [dir, seedArg] = process.argv.slice(2);
if (dir === undefined || seedArg === undefined) throw new Error('usage: crash-child.ts <dir> <seed> [writers] [snapshotEvery] [maxOps]');
const writers = Number(process.argv[4] ?? 16);
const snapshotEvery = Number(process.argv[5] ?? 1500);
const maxOps = Number(process.argv[6] ?? 20_000);

const store = process.argv[7] === 'objects' ? objectStore() : arenaStore();
const aux = new Map<string, unknown>();
const rd = await JournaledRoomData.open({
  dir,
  store: () => store,
  aux: { [KV]: kvHandlers(aux) },
  snapshotEveryRecords: snapshotEvery,
  snapshotChunkBytes: 64 * 1024,
  onSnapshotError: (e) => process.stderr.write(`snapshot failed: ${(e as Error).message}\n`),
});
const r = rd.stats.replay;
const torn = r.tornTail ? `, cut a torn tail of ${r.tornTail.droppedBytes} bytes` : '';
const snap = r.snapshot ? `snapshot of ${r.snapshot.events} events + ` : '';
process.stderr.write(`${store.name}: ready at ${store.size} events, ${store.stateCount} states (${snap}${r.records} records${torn})\n`);

// A number is printed (one write per turn of the event loop) only after its write was durable.
const ack = durableAcks();

const target = withKv(rd, aux);
const workload = new Workload(Number(seedArg));
let next = 0;
async function request(): Promise<void> {
  for (;;) {
    const n = next++;
    if (n >= maxOps) return;
    workload.op(n, target); // synchronous: operations are applied in number order
    await rd.commit();
    ack(n);
  }
}
await Promise.all(Array.from({ length: writers }, request));
process.stderr.write(`all ${maxOps} operations acknowledged\n`);
setInterval(() => {}, 1 << 30); // wait for the kill (the parent treats a voluntary exit as a failure)
