// PUT_EVENT v1 and UPDATE_EVENT v1: encoding and decoding (layouts in records.ts).
import { type ByteReader, type CopyOut, DecodeError } from './byte-reader.ts';
import type { ByteWriter } from './byte-writer.ts';
import { EventStatus, type EventUpdate, type NewEvent } from '../../slots/store.ts';

const UpdateFlag = { STATUS: 1, REASON: 2, STATE_BEFORE: 4, BYTES: 8 } as const;
const KNOWN_FLAGS = 15;
const LAST_STATUS = EventStatus.OUTLIER;

function status(v: number): EventStatus {
  if (v > LAST_STATUS) throw new DecodeError(`unknown event status ${v}`);
  return v as EventStatus;
}

function idList(w: ByteWriter, ids: readonly string[]): void {
  if (ids.length > 0xffff) throw new RangeError(`${ids.length} event ids in one list`);
  w.u16(ids.length);
  for (let i = 0; i < ids.length; i++) w.str16(ids[i]!);
}

function readIdList(r: ByteReader): string[] {
  const n = r.u16();
  const out = new Array<string>(n);
  for (let i = 0; i < n; i++) out[i] = r.str16();
  return out;
}

export function encodePutEvent(w: ByteWriter, e: NewEvent): void {
  w.u8(e.status);
  w.u32(e.stateBefore);
  w.f64(e.depth);
  w.f64(e.originServerTs);
  w.str16(e.eventId);
  w.str16(e.roomId);
  w.str16(e.type);
  w.nstr16(e.stateKey);
  w.str16(e.sender);
  idList(w, e.prevEvents);
  idList(w, e.authEvents);
  w.nstr32(e.reason);
  w.bytes32(e.bytes);
}

export function decodePutEvent(r: ByteReader, copy: CopyOut): NewEvent {
  const st = status(r.u8());
  const stateBefore = r.u32();
  const depth = r.f64();
  const originServerTs = r.f64();
  const eventId = r.str16();
  const roomId = r.str16();
  const type = r.str16();
  const stateKey = r.nstr16();
  const sender = r.str16();
  const prevEvents = readIdList(r);
  const authEvents = readIdList(r);
  const reason = r.nstr32();
  const bytes = r.bytes32(copy);
  r.done();
  return { eventId, roomId, type, stateKey, sender, depth, originServerTs, prevEvents, authEvents, bytes, status: st, reason, stateBefore };
}

export function encodeUpdateEvent(w: ByteWriter, eventId: string, patch: EventUpdate): void {
  w.str16(eventId);
  const flags =
    (patch.status !== undefined ? UpdateFlag.STATUS : 0) |
    (patch.reason !== undefined ? UpdateFlag.REASON : 0) |
    (patch.stateBefore !== undefined ? UpdateFlag.STATE_BEFORE : 0) |
    (patch.bytes !== undefined ? UpdateFlag.BYTES : 0);
  w.u8(flags);
  if (patch.status !== undefined) w.u8(patch.status);
  if (patch.reason !== undefined) w.nstr32(patch.reason);
  if (patch.stateBefore !== undefined) w.u32(patch.stateBefore);
  if (patch.bytes !== undefined) w.bytes32(patch.bytes);
}

export interface DecodedUpdate {
  eventId: string;
  patch: EventUpdate;
}

export function decodeUpdateEvent(r: ByteReader, copy: CopyOut): DecodedUpdate {
  const eventId = r.str16();
  const flags = r.u8();
  if ((flags & ~KNOWN_FLAGS) !== 0) throw new DecodeError(`unknown update flags 0x${flags.toString(16)}`);
  const patch: { -readonly [K in keyof EventUpdate]: EventUpdate[K] } = {};
  if (flags & UpdateFlag.STATUS) patch.status = status(r.u8());
  if (flags & UpdateFlag.REASON) patch.reason = r.nstr32();
  if (flags & UpdateFlag.STATE_BEFORE) patch.stateBefore = r.u32();
  if (flags & UpdateFlag.BYTES) patch.bytes = r.bytes32(copy);
  r.done();
  return { eventId, patch };
}
