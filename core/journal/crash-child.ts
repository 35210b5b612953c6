// Crash-test child: rebuilds its state from the journal, then appends numbered records as fast as it can
// and prints each number to stdout only after its append resolved. The parent SIGKILLs it at random.
// Usage: node --import tsx core/journal/crash-child.ts <dir> [writers=32] [snapshotEvery=20000]
import { Journal } from './journal.ts';
import { durableAcks } from '../testing/durable-acks.ts';

const dir = process.argv[2];
if (dir === undefined) throw new Error('usage: crash-child.ts <dir> [writers] [snapshotEvery]');
const writers = Number(process.argv[3] ?? 32);
const snapshotEvery = Number(process.argv[4] ?? 20_000);

/** The owner's state: every number applied, in order (the parent checks it is 0, 1, 2, …). */
let state: number[] = [];
const journal = await Journal.open(dir);
const replayed = await journal.replay({
  onSnapshot: async (s) => {
    const b = Buffer.from(await s.readAll());
    state = Array.from({ length: b.length / 4 }, (_, i) => b.readUInt32LE(i * 4));
  },
  onRecord: (_type, payload) => void state.push(Buffer.from(payload.buffer, payload.byteOffset, 4).readUInt32LE(0)),
});
const torn = replayed.tornTail ? `, cut a torn tail of ${replayed.tornTail.droppedBytes} bytes` : '';
process.stderr.write(`ready at ${state.length}${torn}\n`);

// A number is printed (one write per turn of the event loop) only after its write was durable.
const ack = durableAcks();

let next = state.length;
let sinceSnapshot = 0;
let snapshotting = false;
const record = Buffer.alloc(200);
async function writer(): Promise<never> {
  for (;;) {
    const n = next++;
    state.push(n);
    record.writeUInt32LE(n, 0);
    const done = journal.append(1, record); // the payload is copied, so `record` can be reused at once
    if (++sinceSnapshot >= snapshotEvery && !snapshotting) {
      sinceSnapshot = 0;
      snapshotting = true;
      const copy = Buffer.alloc(state.length * 4);
      state.forEach((v, i) => copy.writeUInt32LE(v, i * 4));
      journal.snapshot((sink) => sink.write(copy)).finally(() => (snapshotting = false));
    }
    await done;
    ack(n);
  }
}
await Promise.all(Array.from({ length: writers }, writer));
