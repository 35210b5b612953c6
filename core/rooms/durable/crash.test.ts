// Crash test: SIGKILL a child that runs the workload through JournaledRoomData at random moments, over
// several rounds. After each kill the parent reopens the data and checks that it equals a reference built
// from the same operations: every acknowledged one, plus possibly a prefix of the writes that followed
// (durable but not yet acknowledged) — same events (bytes, fields, status), same StateIds and entries,
// same rooms and aux values. The next round's child writes on top of the recovered data.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { diffContents } from './compare.test-support.ts';
import { type StoreImpl, openDurable, tempDir } from './open.test-support.ts';
import { Recorder, Reference, Workload, applyWrite, touchedBy } from './workload.test-support.ts';
import { runAndKill } from '../../testing/kill-child.ts';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..', '..');
const ROUNDS = 10;
const BUDGET_MS = 7_000;
const WRITERS = 16;
const SNAPSHOT_EVERY = 1500;
const MAX_OPS = 20_000;
/** Operations past the highest ack that may be durable: one in flight per writer, plus acks not yet printed. */
const WINDOW_OPS = 4 * WRITERS;

interface Round {
  acked: number[];
  stderr: string;
}

function runChild(dir: string, seed: number, store: StoreImpl, killAfterMs: number, fromFirstAck: boolean): Promise<Round> {
  const args = ['--import', 'tsx', join(here, 'crash-child.ts'), dir, String(seed), String(WRITERS), String(SNAPSHOT_EVERY), String(MAX_OPS), store];
  return runAndKill(args, root, killAfterMs, fromFirstAck);
}

test('SIGKILL at random moments never loses an acknowledged write, and StateIds survive', async (t) => {
  const dir = tempDir();
  const ref = new Reference(); // what the recovered data must equal, round after round
  const start = Date.now();
  const log: string[] = [];
  let rounds = 0;
  let totalAcks = 0;
  let snapshotsLoaded = 0;
  while (rounds < ROUNDS && (rounds < 4 || Date.now() - start < BUDGET_MS)) {
    const seed = 100 + rounds;
    const fromFirstAck = rounds % 2 === 0;
    const delay = fromFirstAck ? 5 + Math.floor(Math.random() * 400) : 100 + Math.floor(Math.random() * 800);
    // The child writes through one store, the parent replays into the other: the journal is store-independent.
    const [childStore, parentStore]: [StoreImpl, StoreImpl] = rounds % 4 < 2 ? ['objects', 'arena'] : ['arena', 'objects'];
    const { acked, stderr } = await runChild(dir, seed, childStore, delay, fromFirstAck);
    let maxAck = -1;
    const seen = new Set<number>();
    for (const n of acked) {
      assert.ok(Number.isInteger(n) && n >= 0 && n < MAX_OPS && !seen.has(n), `bad ack line ${n}`);
      seen.add(n);
      if (n > maxAck) maxAck = n;
    }
    totalAcks += acked.length;

    // The writes of this round's operations, as the child made them (ids continue from the reference's).
    const rec = new Recorder(ref.store().stateCount);
    const workload = new Workload(seed);
    const opEnd: number[] = [];
    for (let n = 0; n < Math.min(MAX_OPS, maxAck + 1 + WINDOW_OPS); n++) {
      workload.op(n, rec);
      opEnd.push(rec.writes.length);
    }
    const ackedEnd = maxAck >= 0 ? opEnd[maxAck]! : 0;
    for (let i = 0; i < ackedEnd; i++) applyWrite(ref, rec.writes[i]!);

    const o = await openDurable(dir, {}, parentStore);
    const r = o.rd.stats.replay;
    if (r.snapshot !== null) snapshotsLoaded++;
    // Acknowledged writes are all there; find how many of the later ones made it to disk as well.
    const later = rec.writes.slice(ackedEnd);
    const touched = touchedBy(later);
    let extra = 0;
    while (diffContents(o.contents(), ref.contents(), touched).length > 0) {
      if (extra === later.length) {
        assert.fail(`round ${rounds}: recovered data matches no prefix of the writes after ack ${maxAck}:\n` +
          `${diffContents(o.contents(), ref.contents(), touched).join('\n')}\n${log.join('\n')}\n${stderr}`);
      }
      applyWrite(ref, later[extra++]!);
    }
    const diff = diffContents(o.contents(), ref.contents());
    assert.deepEqual(diff, [], `round ${rounds}: recovered data differs from the reference\n${log.join('\n')}\n${stderr}`);
    log.push(
      `round ${rounds}: kill ${delay} ms after ${fromFirstAck ? 'first ack' : 'spawn'}, ${acked.length} acks (highest ${maxAck}), ` +
        `${extra} unacknowledged writes durable; reopened ${o.rd.store().size} events, ${o.rd.store().stateCount} states ` +
        `(${r.snapshot ? `snapshot + ` : ''}${r.records} records${r.tornTail ? `, torn tail ${r.tornTail.droppedBytes} B` : ''}` +
        `${r.droppedPartialStates ? `, ${r.droppedPartialStates} partial states dropped` : ''}); child: ${stderr.trim().split('\n')[0] || 'killed before ready'}`,
    );
    await o.rd.close();
    rounds++;
  }

  // Recovered data keeps accepting writes, and they persist.
  let o = await openDurable(dir);
  const w = [new Workload(999), new Workload(999)];
  for (let n = 0; n < 50; n++) {
    w[0]!.op(n, o.t);
    w[1]!.op(n, ref);
  }
  await o.rd.commit();
  await o.rd.close();
  o = await openDurable(dir);
  assert.deepEqual(diffContents(o.contents(), ref.contents()), []);
  await o.rd.close();

  for (const line of log) t.diagnostic(line);
  t.diagnostic(`${rounds} rounds, ${totalAcks} acknowledged operations, ${ref.store().size} events, ${ref.store().stateCount} states, snapshot loaded in ${snapshotsLoaded} reopens`);
  assert.ok(totalAcks > 0, `no round acknowledged anything\n${log.join('\n')}`);
});
