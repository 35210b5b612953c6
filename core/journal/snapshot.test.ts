// Tests for snapshots: atomic write, rotation, deletion of covered segments, and replay from a snapshot.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { join } from 'node:path';
import { JournalError, JournalErrorCode } from './errors.ts';
import { segmentName, snapshotName } from './format.ts';
import { Journal } from './journal.ts';
import { numberOf, openAndReplay, payload, tempDir } from './test-util.ts';

/** The owner's state in these tests: the numbers of the records applied so far, as u32s. */
function encodeState(nums: number[]): Buffer {
  const b = Buffer.alloc(nums.length * 4);
  nums.forEach((n, i) => b.writeUInt32LE(n, i * 4));
  return b;
}
function decodeState(b: Buffer | null): number[] {
  if (b === null) return [];
  return Array.from({ length: b.length / 4 }, (_, i) => b.readUInt32LE(i * 4));
}

describe('snapshots', () => {
  test('snapshot + rotation + replay: covered segments go, replay starts after the snapshot', async () => {
    const dir = tempDir();
    const o = await openAndReplay(dir);
    const state: number[] = [];
    const apply = (n: number) => {
      state.push(n);
      return o.journal.append(1, payload(n));
    };
    for (let i = 0; i < 100; i++) void apply(i);
    const info = o.journal.snapshot((sink) => sink.write(encodeState(state)));
    for (let i = 100; i < 150; i++) void apply(i); // issued after the call: not covered
    const s = await info;
    assert.equal(s.seq, 1);
    assert.equal(s.bytes, 400);
    assert.equal(s.file, join(dir, snapshotName(1)));
    assert.equal(o.journal.segment, 2);
    await o.journal.close();
    assert.deepEqual(fs.readdirSync(dir).sort(), [segmentName(2), snapshotName(1)]);
    assert.equal(o.journal.stats.snapshots, 1);
    assert.equal(o.journal.stats.rotations, 1);

    const b = await openAndReplay(dir);
    assert.equal(b.result.snapshotSeq, 1);
    assert.deepEqual(decodeState(b.snapshot), [...Array(100).keys()]);
    assert.deepEqual(b.records.map(numberOf), Array.from({ length: 50 }, (_, i) => 100 + i));
    assert.ok(b.records.every((r) => r.segment === 2));
    await b.journal.close();
  });

  test('successive snapshots keep only the newest and the segments after it', async () => {
    const dir = tempDir();
    const o = await openAndReplay(dir);
    const state: number[] = [];
    let n = 0;
    for (let round = 0; round < 4; round++) {
      for (let i = 0; i < 10; i++) {
        state.push(n);
        void o.journal.append(1, payload(n++));
      }
      await o.journal.snapshot((sink) => sink.write(encodeState(state)));
    }
    for (let i = 0; i < 3; i++) {
      state.push(n);
      await o.journal.append(1, payload(n++));
    }
    await o.journal.close();
    assert.deepEqual(fs.readdirSync(dir).sort(), [segmentName(5), snapshotName(4)]);
    const b = await openAndReplay(dir);
    assert.deepEqual([...decodeState(b.snapshot), ...b.records.map(numberOf)], state);
    await b.journal.close();
  });

  test('a snapshot streamed in many small and large chunks reads back byte for byte', async () => {
    const dir = tempDir();
    const o = await openAndReplay(dir);
    const parts: Buffer[] = [];
    for (let i = 0; i < 300; i++) parts.push(Buffer.alloc((i * 7919) % 20_000, i & 0xff));
    parts.push(Buffer.alloc(3_000_000, 0xab));
    await o.journal.snapshot(async (sink) => {
      for (const p of parts) await sink.write(p);
    });
    await o.journal.close();
    const j = await Journal.open(dir, { readChunkBytes: 65_536 });
    const got: Buffer[] = [];
    await j.replay({
      onSnapshot: async (s) => {
        assert.equal(s.bytes, parts.reduce((a, p) => a + p.length, 0));
        for await (const c of s.chunks()) got.push(Buffer.from(c));
      },
      onRecord: () => assert.fail('no records expected'),
    });
    assert.ok(Buffer.concat(got).equals(Buffer.concat(parts)));
    await j.close();
  });

  test('a snapshot writer that throws leaves no snapshot and loses nothing', async () => {
    const dir = tempDir();
    const o = await openAndReplay(dir);
    for (let i = 0; i < 10; i++) void o.journal.append(1, payload(i));
    await assert.rejects(
      o.journal.snapshot(async (sink) => {
        await sink.write(Buffer.from('partial'));
        throw new Error('owner failed');
      }),
      /owner failed/,
    );
    await assert.rejects(o.journal.snapshot(() => { throw new Error('sync throw'); }), /sync throw/);
    await o.journal.append(1, payload(10));
    await o.journal.close();
    assert.ok(!fs.readdirSync(dir).some((n) => n.startsWith('snapshot')), fs.readdirSync(dir).join(','));
    const b = await openAndReplay(dir);
    assert.equal(b.snapshot, null);
    assert.deepEqual(b.records.map(numberOf), [...Array(11).keys()]);
    await b.journal.close();
  });

  test('one snapshot at a time; close() waits for a running one', async () => {
    const dir = tempDir();
    const o = await openAndReplay(dir);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const first = o.journal.snapshot(async (sink) => {
      await gate;
      await sink.write(Buffer.from('slow'));
    });
    await assert.rejects(o.journal.snapshot(() => {}), (e: JournalError) => e.code === JournalErrorCode.STATE);
    const closed = o.journal.close();
    release();
    await closed;
    assert.equal((await first).bytes, 4);
    assert.ok(fs.existsSync(join(dir, snapshotName(1))));
  });

  test('replay refuses to run without an onSnapshot handler when a snapshot exists', async () => {
    const dir = tempDir();
    const o = await openAndReplay(dir);
    await o.journal.snapshot((sink) => sink.write(Buffer.from('x')));
    await o.journal.close();
    const j = await Journal.open(dir);
    await assert.rejects(j.replay(() => {}), /no onSnapshot handler/);
  });

  test('open finishes an interrupted cleanup and removes unfinished temp files', async () => {
    const dir = tempDir();
    const o = await openAndReplay(dir);
    for (let i = 0; i < 5; i++) await o.journal.append(1, payload(i));
    const seg1 = fs.readFileSync(join(dir, segmentName(1)));
    await o.journal.snapshot((sink) => sink.write(encodeState([0, 1, 2, 3, 4])));
    await o.journal.append(1, payload(5));
    await o.journal.close();
    // As if the crash came after the snapshot's rename but before segment 1 was deleted, and during a
    // later snapshot's temp file.
    fs.writeFileSync(join(dir, segmentName(1)), seg1);
    fs.writeFileSync(join(dir, snapshotName(2) + '.tmp'), 'half a snapshot');
    const b = await openAndReplay(dir);
    assert.deepEqual(decodeState(b.snapshot), [0, 1, 2, 3, 4]);
    assert.deepEqual(b.records.map(numberOf), [5]);
    assert.equal(b.result.warnings.length, 2, b.result.warnings.join('\n'));
    assert.deepEqual(fs.readdirSync(dir).sort(), [segmentName(2), snapshotName(1)]);
    await b.journal.close();
  });

  test('a snapshot taken while appends stream in covers exactly the appends issued before it', async () => {
    const dir = tempDir();
    const o = await openAndReplay(dir, { maxSegmentBytes: 8192 });
    const state: number[] = [];
    let n = 0;
    const pending: Promise<unknown>[] = [];
    let running: Promise<unknown> = Promise.resolve();
    for (let round = 0; round < 20; round++) {
      for (let i = 0; i < 25; i++) {
        state.push(n);
        pending.push(o.journal.append(1, payload(n++, 100)));
      }
      if (round % 5 === 4) {
        await running; // one snapshot at a time; appends keep streaming meanwhile
        const copy = encodeState(state);
        running = o.journal.snapshot((sink) => sink.write(copy));
      }
      await new Promise((r) => setImmediate(r));
    }
    await Promise.all([...pending, running]);
    await o.journal.close();
    assert.equal(o.journal.stats.snapshots, 4);
    const b = await openAndReplay(dir);
    assert.ok(b.snapshot !== null);
    assert.deepEqual([...decodeState(b.snapshot), ...b.records.map(numberOf)], state);
    await b.journal.close();
  });
});
