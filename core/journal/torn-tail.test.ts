// Tests for torn tails: a damaged end of the newest segment is cut off and reported, never more.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { join } from 'node:path';
import { segmentName } from './format.ts';
import { writeFrame } from './frame.ts';
import { numberOf, openAndReplay, payload, tempDir } from './test-util.ts';

/** A journal holding records 0..n-1 (200-byte payloads), closed; returns the segment path and its size. */
async function written(n: number): Promise<{ dir: string; file: string; size: number }> {
  const dir = tempDir();
  const { journal } = await openAndReplay(dir);
  for (let i = 0; i < n; i++) await journal.append(1, payload(i));
  await journal.close();
  const file = join(dir, segmentName(1));
  return { dir, file, size: fs.statSync(file).size };
}

/** Reopens, checks records 0..n-1 and the reported tail, then appends one more and checks it lands after them. */
async function expectCut(dir: string, n: number, offset: number, droppedBytes: number, reason: RegExp): Promise<void> {
  const o = await openAndReplay(dir);
  assert.deepEqual(o.records.map(numberOf), [...Array(n).keys()]);
  assert.ok(o.result.tornTail, 'a torn tail is reported');
  assert.equal(o.result.tornTail.offset, offset);
  assert.equal(o.result.tornTail.droppedBytes, droppedBytes);
  assert.match(o.result.tornTail.reason, reason);
  assert.equal(fs.statSync(o.result.tornTail.file).size, offset, 'file cut back to the last intact record');
  await o.journal.append(1, payload(n));
  await o.journal.close();
  const again = await openAndReplay(dir);
  assert.deepEqual(again.records.map(numberOf), [...Array(n + 1).keys()]);
  assert.equal(again.result.tornTail, null);
  await again.journal.close();
}

const RECORD = 16 + 200;

describe('torn tail', () => {
  test('garbage appended after the last record', async () => {
    const { dir, file, size } = await written(10);
    fs.appendFileSync(file, Buffer.from('this is not a record, just some bytes a crash left behind'));
    await expectCut(dir, 10, size, 57, /header checksum/);
  });

  test('a short header (crash after a few header bytes)', async () => {
    const { dir, file, size } = await written(10);
    fs.truncateSync(file, size - RECORD + 7);
    await expectCut(dir, 9, size - RECORD, 7, /short record header/);
  });

  test('a short payload (crash mid-payload)', async () => {
    const { dir, file, size } = await written(10);
    fs.truncateSync(file, size - 50);
    await expectCut(dir, 9, size - RECORD, RECORD - 50, /short record payload/);
  });

  test('a payload checksum mismatch on the very last record', async () => {
    const { dir, file, size } = await written(10);
    const fd = fs.openSync(file, 'r+');
    fs.writeSync(fd, Buffer.from([0xff ^ fs.readFileSync(file)[size - 1]!]), 0, 1, size - 1);
    fs.closeSync(fd);
    await expectCut(dir, 9, size - RECORD, RECORD, /payload checksum/);
  });

  test('a zero-filled tail (file extended, data never written)', async () => {
    const { dir, file, size } = await written(10);
    fs.appendFileSync(file, Buffer.alloc(4096));
    await expectCut(dir, 10, size, 4096, /header checksum/);
  });

  test('several whole records of an unfinished batch plus a partial one: only the partial one goes', async () => {
    const { dir, file, size } = await written(5);
    const extra = Buffer.alloc(3 * RECORD);
    let at = 0;
    for (let i = 5; i < 8; i++) at = writeFrame(extra, at, 1, payload(i));
    fs.appendFileSync(file, extra.subarray(0, 2 * RECORD + 100));
    await expectCut(dir, 7, size + 2 * RECORD, 100, /short record payload/);
  });

  test('a segment holding only its file header is clean, not torn', async () => {
    const { dir } = await written(0);
    const o = await openAndReplay(dir);
    assert.equal(o.result.tornTail, null);
    assert.equal(o.records.length, 0);
    await o.journal.close();
  });
});
