// Tests for the journal lifecycle: round trip, reopen after close, ordering, rotation by size, misuse.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { JournalError, JournalErrorCode } from './errors.ts';
import { segmentName } from './format.ts';
import { Journal } from './journal.ts';
import { numberOf, openAndReplay, payload, tempDir } from './test-util.ts';

describe('journal', () => {
  test('round trip: records come back in order with their types and bytes, across a reopen', async () => {
    const dir = tempDir();
    const a = await openAndReplay(dir);
    assert.deepEqual(a.records, []);
    assert.equal(a.result.snapshotSeq, null);
    const sizes = [0, 1, 200, 5000, 70_000];
    const sent: Buffer[] = [];
    for (let i = 0; i < 50; i++) {
      const p = payload(i, sizes[i % sizes.length]!);
      sent.push(p);
      await a.journal.append((i % 255) + 1, p);
    }
    await a.journal.close();

    const b = await openAndReplay(dir);
    assert.equal(b.records.length, 50);
    b.records.forEach((r, i) => {
      assert.equal(r.type, (i % 255) + 1);
      assert.deepEqual(r.payload, sent[i]);
      assert.equal(r.segment, 1);
    });
    assert.equal(b.records[0]!.offset, 16, 'first record follows the 16-byte file header');
    assert.equal(b.result.tornTail, null);
    assert.equal(b.result.records, 50);
    await b.journal.close();
  });

  test('records larger than the read chunk replay intact (chunk boundaries and buffer growth)', async () => {
    const dir = tempDir();
    const a = await openAndReplay(dir);
    const big = [payload(1, 100_000), payload(2, 3), payload(3, 250_000), payload(4, 4090)];
    await Promise.all(big.map((p) => a.journal.append(2, p)));
    await a.journal.close();
    const b = await openAndReplay(dir, { readChunkBytes: 4096 });
    assert.deepEqual(
      b.records.map((r) => r.payload),
      big,
    );
    await b.journal.close();
  });

  test('reopen after close keeps appending to the same segment', async () => {
    const dir = tempDir();
    for (let round = 0; round < 3; round++) {
      const o = await openAndReplay(dir);
      assert.equal(o.records.length, round * 10);
      assert.deepEqual(o.records.map(numberOf), [...Array(round * 10).keys()]);
      for (let i = 0; i < 10; i++) void o.journal.append(1, payload(round * 10 + i));
      await o.journal.close(); // close flushes the appends nobody awaited
    }
    assert.deepEqual(fs.readdirSync(dir), [segmentName(1)]);
  });

  test('an async onRecord handler is awaited before the next record', async () => {
    const dir = tempDir();
    const a = await openAndReplay(dir);
    for (let i = 0; i < 5; i++) void a.journal.append(1, payload(i));
    await a.journal.close();
    const j = await Journal.open(dir);
    const seen: number[] = [];
    await j.replay(async (_t, p) => {
      const n = Buffer.from(p).readUInt32LE(0);
      await new Promise((r) => setTimeout(r, 1));
      seen.push(n);
    });
    assert.deepEqual(seen, [0, 1, 2, 3, 4]);
    await j.close();
  });

  test('segments rotate by size and replay walks all of them in order', async () => {
    const dir = tempDir();
    const a = await openAndReplay(dir, { maxSegmentBytes: 4096 });
    for (let i = 0; i < 100; i++) await a.journal.append(1, payload(i, 300));
    await a.journal.close();
    const segs = fs.readdirSync(dir).sort();
    assert.ok(segs.length > 5, `expected many segments, got ${segs.join(',')}`);
    assert.ok(a.journal.stats.rotations >= segs.length - 1);
    const b = await openAndReplay(dir, { maxSegmentBytes: 4096 });
    assert.deepEqual(b.records.map(numberOf), [...Array(100).keys()]);
    assert.equal(b.result.segments, segs.length);
    const segOf = b.records.map((r) => r.segment);
    assert.deepEqual(segOf, [...segOf].sort((x, y) => x - y));
    await b.journal.close();
  });

  test('concurrent appends across a size rotation stay in order', async () => {
    const dir = tempDir();
    const a = await openAndReplay(dir, { maxSegmentBytes: 8192 });
    await Promise.all(Array.from({ length: 500 }, (_, i) => a.journal.append(1, payload(i, 100))));
    await a.journal.close();
    const b = await openAndReplay(dir);
    assert.deepEqual(b.records.map(numberOf), [...Array(500).keys()]);
    await b.journal.close();
  });

  test('append before replay, and after close, is refused', async () => {
    const dir = tempDir();
    const j = await Journal.open(dir);
    await assert.rejects(j.append(1, payload(0)), (e: JournalError) => e.code === JournalErrorCode.STATE);
    await j.replay(() => {});
    await assert.rejects(j.replay(() => {}), (e: JournalError) => e.code === JournalErrorCode.STATE);
    await j.close();
    await assert.rejects(j.append(1, payload(0)), (e: JournalError) => e.code === JournalErrorCode.CLOSED);
    await j.close(); // idempotent
  });

  test('an invalid record is rejected and does not disturb the journal', async () => {
    const dir = tempDir();
    const { journal } = await openAndReplay(dir);
    await assert.rejects(journal.append(0, payload(0)), /1\.\.255/);
    await journal.append(1, payload(1));
    await journal.close();
    const b = await openAndReplay(dir);
    assert.deepEqual(b.records.map(numberOf), [1]);
    await b.journal.close();
  });

  test('flush() waits for appends nobody awaited', async () => {
    const dir = tempDir();
    const { journal } = await openAndReplay(dir);
    let done = 0;
    for (let i = 0; i < 20; i++) void journal.append(1, payload(i)).then(() => done++);
    await journal.flush();
    await new Promise((r) => setImmediate(r));
    assert.equal(done, 20);
    await journal.close();
  });
});
