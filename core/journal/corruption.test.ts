// Tests for corruption: damage that is not a torn tail stops open with the file and byte offset named.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { join } from 'node:path';
import { JournalCorruptError, JournalErrorCode } from './errors.ts';
import { segmentName, snapshotName } from './format.ts';
import { Journal } from './journal.ts';
import { numberOf, openAndReplay, payload, tempDir } from './test-util.ts';

const RECORD = 16 + 200;

/** Records 0..n-1, each in its own batch, in segment 1 (and, with `segments` > 1, more segments by size). */
async function written(n: number, maxSegmentBytes?: number): Promise<string> {
  const dir = tempDir();
  const { journal } = await openAndReplay(dir, maxSegmentBytes ? { maxSegmentBytes } : {});
  for (let i = 0; i < n; i++) await journal.append(1, payload(i));
  await journal.close();
  return dir;
}

function flipByte(file: string, at: number, mask = 0x01): void {
  const fd = fs.openSync(file, 'r+');
  const b = Buffer.alloc(1);
  fs.readSync(fd, b, 0, 1, at);
  b[0]! ^= mask;
  fs.writeSync(fd, b, 0, 1, at);
  fs.closeSync(fd);
}

/** Opening must fail with a JournalCorruptError naming `file` and `offset` in its message. */
async function expectCorrupt(dir: string, file: string, offset: number, reason: RegExp): Promise<void> {
  const sizeBefore = fs.existsSync(file) ? fs.statSync(file).size : -1;
  await assert.rejects(openAndReplay(dir), (e: unknown) => {
    assert.ok(e instanceof JournalCorruptError, `expected JournalCorruptError, got ${String(e)}`);
    assert.equal(e.code, JournalErrorCode.CORRUPT);
    assert.equal(e.file, file);
    assert.equal(e.offset, offset);
    assert.ok(e.message.includes(file), 'message names the file');
    assert.ok(e.message.includes(`byte offset ${offset}`), 'message names the offset');
    assert.match(e.reason, reason);
    return true;
  });
  if (sizeBefore >= 0) assert.equal(fs.statSync(file).size, sizeBefore, 'nothing was truncated');
}

describe('corruption before the end', () => {
  test('a flipped payload bit in record 5 of 20', async () => {
    const dir = await written(20);
    const file = join(dir, segmentName(1));
    const at = 16 + 5 * RECORD;
    flipByte(file, at + 16 + 100);
    await expectCorrupt(dir, file, at, /payload checksum.*intact record follows at byte/);
  });

  test('a flipped length bit in a middle header (would otherwise look like a record running past the end)', async () => {
    const dir = await written(20);
    const file = join(dir, segmentName(1));
    const at = 16 + 7 * RECORD;
    flipByte(file, at + 2, 0x40); // length += 4 MiB
    await expectCorrupt(dir, file, at, /header checksum.*intact record follows/);
  });

  test('damage in the second-to-last record (only one intact record after it)', async () => {
    const dir = await written(20);
    const file = join(dir, segmentName(1));
    const at = 16 + 18 * RECORD;
    flipByte(file, at + 9);
    await expectCorrupt(dir, file, at, /intact record follows at byte/);
  });

  test('a zeroed page in the middle of the file', async () => {
    const dir = await written(40);
    const file = join(dir, segmentName(1));
    const fd = fs.openSync(file, 'r+');
    fs.writeSync(fd, Buffer.alloc(4096), 0, 4096, 4096);
    fs.closeSync(fd);
    const firstHit = 16 + Math.floor((4096 - 16) / RECORD) * RECORD; // the record the page starts inside
    await expectCorrupt(dir, file, firstHit, /checksum/);
  });

  test('a torn-looking end of a segment that is not the newest is corruption', async () => {
    const dir = await written(40, 2048); // ~9 records per segment
    const names = fs.readdirSync(dir).sort();
    assert.ok(names.length >= 3);
    const file = join(dir, names[1]!);
    const size = fs.statSync(file).size;
    fs.truncateSync(file, size - 10);
    await expectCorrupt(dir, file, size - RECORD, /short record payload in a segment that is not the newest/);
  });

  test('a bad file magic', async () => {
    const dir = await written(3);
    const file = join(dir, segmentName(1));
    flipByte(file, 2);
    await expectCorrupt(dir, file, 0, /magic/);
  });

  test('a missing segment between others', async () => {
    const dir = await written(40, 2048);
    const names = fs.readdirSync(dir).sort();
    fs.rmSync(join(dir, names[1]!));
    await expectCorrupt(dir, join(dir, segmentName(2)), 0, /missing/);
  });

  test('the corruption error stops replay before any record after the damage is delivered', async () => {
    const dir = await written(20);
    const file = join(dir, segmentName(1));
    flipByte(file, 16 + 10 * RECORD + 40);
    const j = await Journal.open(dir);
    const seen: number[] = [];
    await assert.rejects(j.replay((_t, p) => void seen.push(Buffer.from(p).readUInt32LE(0))), JournalCorruptError);
    assert.deepEqual(seen, [...Array(10).keys()]);
    await assert.rejects(j.append(1, payload(0)));
  });

  test('an invalid newest snapshot whose segments are gone stops start-up', async () => {
    const dir = tempDir();
    const o = await openAndReplay(dir);
    for (let i = 0; i < 5; i++) await o.journal.append(1, payload(i));
    await o.journal.snapshot((sink) => sink.write(Buffer.from('state after 5 records')));
    await o.journal.append(1, payload(5));
    await o.journal.close();
    const snap = join(dir, snapshotName(1));
    flipByte(snap, 20);
    await expectCorrupt(dir, join(dir, segmentName(1)), 0, /missing.*no valid snapshot/);
  });

  test('an invalid newest snapshot falls back to an older one when its segments still exist', async () => {
    const dir = tempDir();
    const o = await openAndReplay(dir);
    for (let i = 0; i < 3; i++) await o.journal.append(1, payload(i));
    await o.journal.close();
    // A snapshot file whose body is damaged, as if bits rotted after it was written and before cleanup ran.
    const seg1 = fs.readFileSync(join(dir, segmentName(1)));
    fs.writeFileSync(join(dir, snapshotName(1)), Buffer.concat([Buffer.from('FLJOURNL'), seg1.subarray(8, 40)]));
    const b = await openAndReplay(dir);
    assert.deepEqual(b.records.map(numberOf), [0, 1, 2]);
    assert.equal(b.snapshot, null);
    assert.match(b.result.warnings.join('\n'), /skipped invalid snapshot/);
    await b.journal.close();
  });
});
