// SET_ROOM v1 and AUX v1: encoding and decoding (layouts in records.ts).
import { type ByteReader, DecodeError } from './byte-reader.ts';
import type { ByteWriter } from './byte-writer.ts';
import type { RoomRecord } from '../room-data.ts';

const decoder = new TextDecoder('utf-8', { fatal: true });

export function encodeSetRoom(w: ByteWriter, r: RoomRecord): void {
  w.str16(r.roomId);
  w.str16(r.version);
  w.str16(r.createEventId);
  w.u32(r.currentState);
  w.f64(r.maxDepth);
  if (r.extremities.length > 0xffff) throw new RangeError(`${r.extremities.length} forward extremities`);
  w.u16(r.extremities.length);
  for (const e of r.extremities) w.str16(e);
}

export function decodeSetRoom(r: ByteReader): RoomRecord {
  const roomId = r.str16();
  const version = r.str16();
  const createEventId = r.str16();
  const currentState = r.u32();
  const maxDepth = r.f64();
  const n = r.u16();
  const extremities = new Array<string>(n);
  for (let i = 0; i < n; i++) extremities[i] = r.str16();
  r.done();
  return { roomId, version, createEventId, currentState, extremities, maxDepth };
}

/** Plain JSON (not canonical): it only has to read back equal. The value must survive a JSON round trip. */
export function encodeAux(w: ByteWriter, kind: string, value: unknown): void {
  const text = JSON.stringify(value);
  if (text === undefined) throw new TypeError(`aux record of kind ${kind} has no JSON form`);
  w.str16(kind);
  w.text(text);
}

export function decodeAux(r: ByteReader): { kind: string; value: unknown } {
  const kind = r.str16();
  const bytes = r.rest();
  try {
    return { kind, value: JSON.parse(decoder.decode(bytes)) };
  } catch (e) {
    throw new DecodeError(`aux record of kind ${kind} is not JSON: ${(e as Error).message}`);
  }
}
