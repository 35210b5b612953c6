// The body of a room-data snapshot: the store and room table as a compacted stream of the same records.
//
// Layout (inside the journal's snapshot file, which adds its own header and CRC trailer):
//   8 bytes "FLRMSNAP", u32 body version (1), then entries: u8 record type, u32 payload length, payload.
//   States in id order (NEW_STATE, never split), events in seq order (PUT_EVENT with their current fields),
//   rooms (SET_ROOM), aux values (AUX), and last SNAPSHOT_END: u32 states, f64 events, u32 rooms, u32 aux.
// Written in chunks of about `chunkBytes`, awaiting each write, so neither memory nor the event loop is held
// for the whole store. Replaying the same records is what makes the loaded store identical, StateIds included.
// Reading: snapshot-reader.ts.
import { ByteWriter } from './byte-writer.ts';
import { encodePutEvent } from './event-records.ts';
import { RecordType } from './records.ts';
import { encodeAux, encodeSetRoom } from './room-records.ts';
import { encodeNewState } from './state-records.ts';
import type { RoomRecord } from '../room-data.ts';
import type { SnapshotSink } from '../../journal/index.ts';
import { EMPTY_STATE, type EventStore } from '../../slots/store.ts';

export const MAGIC = Buffer.from('FLRMSNAP', 'latin1');
export const BODY_VERSION = 1;
export const HEAD_BYTES = 12;
export const ENTRY_HEADER = 5;

/** What a snapshot covers, taken synchronously when it starts. */
export interface SnapshotCapture {
  readonly store: EventStore;
  /** States 1..states exist and never change: the count is the capture. */
  readonly states: number;
  /** Events with seq < events; later ones are in the journal after the snapshot. */
  readonly events: number;
  readonly rooms: readonly RoomRecord[];
  readonly aux: ReadonlyArray<readonly [kind: string, values: readonly unknown[]]>;
  /** False once the store was swapped; the snapshot is then abandoned (the journal keeps its segments). */
  stillCurrent(): boolean;
}

export interface SnapshotCounts {
  states: number;
  events: number;
  rooms: number;
  aux: number;
}

/**
 * Events are read live while later writes go on, which is safe because every later write is replayed on top
 * of the snapshot: an update is a field assignment, so whether the snapshot saw it or not, replaying it gives
 * the same result. The one field that could point past the capture is stateBefore (an update placing an
 * outlier in a newer state); it is written as EMPTY_STATE, and the update that set it follows in the journal.
 * Requires the store's events() to stay valid while puts and updates happen between chunks.
 */
export async function writeSnapshotBody(sink: SnapshotSink, c: SnapshotCapture, chunkBytes: number): Promise<SnapshotCounts> {
  const w = new ByteWriter(chunkBytes + 64 * 1024);
  const flush = async (): Promise<void> => {
    await sink.write(w.take());
    if (!c.stillCurrent()) throw new Error('the store was swapped while the snapshot was written; abandoned (the journal keeps its segments)');
  };
  let lengthAt = 0;
  const begin = (type: RecordType): void => {
    w.u8(type);
    lengthAt = w.length;
    w.u32(0);
  };
  const end = (): void => w.patchU32(lengthAt, w.length - lengthAt - 4);

  w.ensure(HEAD_BYTES);
  for (const b of MAGIC) w.u8(b);
  w.u32(BODY_VERSION);
  for (let s = 1; s <= c.states; s++) {
    const d = c.store.stateDefinition(s);
    begin(RecordType.NEW_STATE_V1);
    encodeNewState(w, s, d.parent, d.changes, Infinity);
    end();
    if (w.length >= chunkBytes) await flush();
  }
  let events = 0;
  if (c.events > 0) {
    for (const e of c.store.events()) {
      begin(RecordType.PUT_EVENT_V1);
      encodePutEvent(w, e.stateBefore > c.states ? { ...e, stateBefore: EMPTY_STATE } : e);
      end();
      if (++events === c.events) break;
      if (w.length >= chunkBytes) await flush();
    }
  }
  if (events !== c.events) throw new Error(`the store listed ${events} events, expected ${c.events}`);
  for (const r of c.rooms) {
    begin(RecordType.SET_ROOM_V1);
    encodeSetRoom(w, r);
    end();
  }
  let aux = 0;
  for (const [kind, values] of c.aux) {
    for (const v of values) {
      begin(RecordType.AUX_V1);
      encodeAux(w, kind, v);
      end();
      aux++;
      if (w.length >= chunkBytes) await flush();
    }
  }
  begin(RecordType.SNAPSHOT_END_V1);
  w.u32(c.states);
  w.f64(events);
  w.u32(c.rooms.length);
  w.u32(aux);
  end();
  await flush();
  return { states: c.states, events, rooms: c.rooms.length, aux };
}
