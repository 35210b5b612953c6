// Record framing: a 16-byte header (length, type, two CRC32s) in front of opaque payload bytes.
//
// Record header (all little-endian):
//   0  u32  payload length (≤ MAX_PAYLOAD_BYTES, so byte 3 is always 0)
//   4  u8   record type, 1..255 (0 never occurs, so zero-filled space never decodes)
//   5  3 bytes, always 0
//   8  u32  CRC32 of the payload
//  12  u32  CRC32 of header bytes 0..11
// The header has its own CRC so a damaged length is caught before it is trusted: without it a flipped
// length bit in the middle of a file could point past the end and pass for a torn tail.
import { crc32 } from 'node:zlib';
import { JournalError, JournalErrorCode } from './errors.ts';
import { MAX_PAYLOAD_BYTES } from './format.ts';

export const RECORD_HEADER_BYTES = 16;

/** What `checkFrame` found at a position. Only OK means a whole, intact record is there. */
export const FrameStatus = {
  OK: 0,
  /** Fewer than 16 bytes remain. */
  SHORT_HEADER: 1,
  /** Header CRC mismatch, type 0, non-zero reserved bytes or an impossible length. */
  BAD_HEADER: 2,
  /** The header is intact but the payload runs past the end of the data. */
  SHORT_PAYLOAD: 3,
  /** The header is intact but the payload CRC does not match. */
  BAD_PAYLOAD: 4,
} as const;
export type FrameStatus = (typeof FrameStatus)[keyof typeof FrameStatus];

export const frameStatusText: Record<FrameStatus, string> = {
  0: 'ok',
  1: 'short record header',
  2: 'record header checksum mismatch',
  3: 'short record payload',
  4: 'record payload checksum mismatch',
};

/** Throws unless (type, payload) can be framed. */
export function checkRecord(type: number, payload: Uint8Array): void {
  if (!Number.isInteger(type) || type < 1 || type > 255) {
    throw new JournalError(JournalErrorCode.INVALID_RECORD, `record type must be an integer in 1..255, got ${type}`);
  }
  if (payload.length > MAX_PAYLOAD_BYTES) {
    throw new JournalError(
      JournalErrorCode.INVALID_RECORD,
      `payload of ${payload.length} bytes exceeds the ${MAX_PAYLOAD_BYTES}-byte record limit`,
    );
  }
}

/** Writes header + payload at `at` (the caller checked the record and the room); returns the end offset. */
export function writeFrame(out: Buffer, at: number, type: number, payload: Uint8Array): number {
  out.writeUInt32LE(payload.length, at);
  out[at + 4] = type;
  out[at + 5] = 0;
  out[at + 6] = 0;
  out[at + 7] = 0;
  out.writeUInt32LE(crc32(payload), at + 8);
  out.writeUInt32LE(crc32(out.subarray(at, at + 12)), at + 12);
  out.set(payload, at + RECORD_HEADER_BYTES);
  return at + RECORD_HEADER_BYTES + payload.length;
}

/**
 * Checks the header at `at` only (needs 16 bytes before `end`). Cheap byte tests run before the CRC,
 * which makes the byte-by-byte tail scan fast over garbage.
 */
export function headerIntact(buf: Buffer, at: number): boolean {
  if (buf[at + 3] !== 0 || buf[at + 4] === 0 || buf[at + 5] !== 0 || buf[at + 6] !== 0 || buf[at + 7] !== 0) {
    return false;
  }
  return crc32(buf.subarray(at, at + 12)) === buf.readUInt32LE(at + 12);
}

/** Decodes the record at `at`, looking no further than `end`. On OK, the length is `buf.readUInt32LE(at)`. */
export function checkFrame(buf: Buffer, at: number, end: number): FrameStatus {
  if (end - at < RECORD_HEADER_BYTES) return FrameStatus.SHORT_HEADER;
  if (!headerIntact(buf, at)) return FrameStatus.BAD_HEADER;
  const len = buf.readUInt32LE(at);
  const start = at + RECORD_HEADER_BYTES;
  if (end - start < len) return FrameStatus.SHORT_PAYLOAD;
  if (crc32(buf.subarray(start, start + len)) !== buf.readUInt32LE(at + 8)) return FrameStatus.BAD_PAYLOAD;
  return FrameStatus.OK;
}
