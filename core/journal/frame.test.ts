// Tests for record framing: statuses for intact, short and damaged records, and record validation.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { crc32 } from 'node:zlib';
import { JournalError } from './errors.ts';
import { MAX_PAYLOAD_BYTES } from './format.ts';
import { FrameStatus, RECORD_HEADER_BYTES, checkFrame, checkRecord, headerIntact, writeFrame } from './frame.ts';

function framed(type: number, payload: Uint8Array): Buffer {
  const b = Buffer.alloc(RECORD_HEADER_BYTES + payload.length);
  assert.equal(writeFrame(b, 0, type, payload), b.length);
  return b;
}

describe('record framing', () => {
  test('zlib.crc32 is the standard CRC-32 (check value of "123456789")', () => {
    assert.equal(crc32('123456789'), 0xcbf43926);
  });

  test('header layout: length, type, zero bytes, payload CRC, header CRC', () => {
    const p = Buffer.from('hello');
    const b = framed(7, p);
    assert.equal(b.readUInt32LE(0), 5);
    assert.equal(b[4], 7);
    assert.deepEqual([...b.subarray(5, 8)], [0, 0, 0]);
    assert.equal(b.readUInt32LE(8), crc32(p));
    assert.equal(b.readUInt32LE(12), crc32(b.subarray(0, 12)));
    assert.equal(b.subarray(16).toString(), 'hello');
    assert.equal(checkFrame(b, 0, b.length), FrameStatus.OK);
  });

  test('an empty payload frames and checks', () => {
    const b = framed(1, new Uint8Array(0));
    assert.equal(b.length, 16);
    assert.equal(checkFrame(b, 0, 16), FrameStatus.OK);
  });

  test('short header and short payload', () => {
    const b = framed(1, Buffer.alloc(10, 1));
    assert.equal(checkFrame(b, 0, 15), FrameStatus.SHORT_HEADER);
    assert.equal(checkFrame(b, 0, 25), FrameStatus.SHORT_PAYLOAD);
  });

  test('every single-bit flip in the header is caught as a bad header', () => {
    const good = framed(3, Buffer.from('payload bytes'));
    for (let bit = 0; bit < 16 * 8; bit++) {
      const b = Buffer.from(good);
      b[bit >> 3]! ^= 1 << (bit & 7);
      assert.equal(checkFrame(b, 0, b.length), FrameStatus.BAD_HEADER, `bit ${bit}`);
    }
  });

  test('a flipped payload bit is a bad payload', () => {
    const b = framed(3, Buffer.from('payload bytes'));
    b[20]! ^= 0x10;
    assert.equal(checkFrame(b, 0, b.length), FrameStatus.BAD_PAYLOAD);
  });

  test('zero-filled space never decodes as a header', () => {
    assert.equal(headerIntact(Buffer.alloc(16), 0), false);
    assert.equal(checkFrame(Buffer.alloc(64), 0, 64), FrameStatus.BAD_HEADER);
  });

  test('record validation: type range and size limit', () => {
    assert.throws(() => checkRecord(0, new Uint8Array(1)), JournalError);
    assert.throws(() => checkRecord(256, new Uint8Array(1)), JournalError);
    assert.throws(() => checkRecord(1.5, new Uint8Array(1)), JournalError);
    assert.throws(() => checkRecord(1, new Uint8Array(MAX_PAYLOAD_BYTES + 1)), /exceeds/);
    checkRecord(255, new Uint8Array(0));
  });
});
