// Crash test: SIGKILL a child that appends as fast as it can, at random moments, over several rounds;
// every number it acknowledged must then be in the journal, in order, with no gap.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fs from 'node:fs';
import { FrameStatus, checkFrame } from './frame.ts';
import { numberOf, openAndReplay, tempDir } from './test-util.ts';
import { runAndKill } from '../testing/kill-child.ts';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const ROUNDS = 12;
const SNAPSHOT_EVERY = 4000;
const BUDGET_MS = 9_000;

let tornTails = 0;

interface Round {
  acked: number[];
  stderr: string;
}

/**
 * Runs the child until `killAfterMs` after its start (or after its first ack when `fromFirstAck`),
 * then SIGKILLs it. Fails if the child exits by itself.
 */
function runChild(dir: string, killAfterMs: number, fromFirstAck: boolean): Promise<Round> {
  return runAndKill(['--import', 'tsx', join(here, 'crash-child.ts'), dir, '32', String(SNAPSHOT_EVERY)], root, killAfterMs, fromFirstAck);
}

/**
 * Simulates losing data that was never synced (power loss rather than a process kill, which leaves the
 * page cache intact): cuts the newest segment at a random byte after the record of `maxAcked`.
 * Returns how many bytes were cut.
 */
function tearUnacknowledgedTail(dir: string, maxAcked: number): number {
  const newest = fs.readdirSync(dir).filter((n) => n.endsWith('.log')).sort().pop();
  if (newest === undefined) return 0;
  const file = join(dir, newest);
  const b = fs.readFileSync(file);
  let at = 16;
  let ackEnd = -1;
  while (checkFrame(b, at, b.length) === FrameStatus.OK) {
    const end = at + 16 + b.readUInt32LE(at);
    if (b.readUInt32LE(at + 16) === maxAcked) ackEnd = end;
    at = end;
  }
  if (ackEnd < 0 || ackEnd >= b.length) return 0;
  const cutTo = ackEnd + 1 + Math.floor(Math.random() * (b.length - ackEnd - 1));
  fs.truncateSync(file, cutTo);
  return b.length - cutTo;
}

/** Rebuilds the child's state from the journal: snapshot numbers then record numbers. */
async function recovered(dir: string): Promise<number[]> {
  const o = await openAndReplay(dir);
  if (o.result.tornTail) tornTails++;
  const snap = o.snapshot ?? Buffer.alloc(0);
  const nums = Array.from({ length: snap.length / 4 }, (_, i) => snap.readUInt32LE(i * 4));
  for (const r of o.records) nums.push(numberOf(r));
  await o.journal.close();
  return nums;
}

test('SIGKILL at random moments never loses an acknowledged record', async (t) => {
  const dir = tempDir();
  const start = Date.now();
  let maxAcked = -1;
  let totalAcks = 0;
  let rounds = 0;
  const log: string[] = [];
  while (rounds < ROUNDS && (rounds < 4 || Date.now() - start < BUDGET_MS)) {
    const fromFirstAck = rounds % 2 === 0;
    // From spawn, the child needs ~300 ms to start, so these kills also land in start-up and replay.
    const delay = fromFirstAck ? 5 + Math.floor(Math.random() * 300) : 150 + Math.floor(Math.random() * 500);
    const { acked, stderr } = await runChild(dir, delay, fromFirstAck);
    for (const n of acked) {
      assert.ok(Number.isInteger(n) && n >= 0, `bad ack line ${n}`);
      if (n > maxAcked) maxAcked = n;
    }
    totalAcks += acked.length;
    log.push(`round ${rounds}: kill ${delay} ms after ${fromFirstAck ? 'first ack' : 'spawn'}, ${acked.length} acks, ${stderr.trim() || 'killed before ready'}`);
    if (!fromFirstAck) {
      const cut = tearUnacknowledgedTail(dir, maxAcked);
      if (cut > 0) log[log.length - 1] += `; tore ${cut} unacknowledged bytes off the end`;
    }
    rounds++;
    // Verify in the parent every other round; in the others the next child recovers the crash itself.
    if (rounds % 2 === 0 || rounds === ROUNDS) {
      const nums = await recovered(dir);
      assert.ok(nums.length > maxAcked, `acknowledged ${maxAcked} but the journal holds only ${nums.length} records\n${log.join('\n')}`);
      for (let i = 0; i < nums.length; i++) {
        if (nums[i] !== i) assert.fail(`record ${i} is ${nums[i]}: a gap or reordering\n${log.join('\n')}`);
      }
    }
  }
  const nums = await recovered(dir);
  assert.ok(nums.length > maxAcked);
  nums.forEach((n, i) => assert.equal(n, i));
  assert.ok(totalAcks > 0, `no round acknowledged anything\n${log.join('\n')}`);
  for (const line of log) t.diagnostic(line);
  t.diagnostic(`${nums.length} records recovered, highest ack ${maxAcked}, torn tails cut by the parent: ${tornTails}`);
});
