// NEW_STATE v1: encoding (split into parts past a size) and decoding (layout in records.ts).
import { type ByteReader, DecodeError } from './byte-reader.ts';
import type { ByteWriter } from './byte-writer.ts';
import type { StateChange, StateId } from '../../slots/store.ts';

/** Where `more` and the count sit, from the start of the record. */
const MORE_OFFSET = 12;
const COUNT_OFFSET = 13;

function header(w: ByteWriter, id: StateId, parent: StateId, part: number): void {
  w.u32(id);
  w.u32(parent);
  w.u32(part);
  w.u8(0); // more: set on every part but the last
  w.u32(0); // count: patched when the part is closed
}

/**
 * Encodes the state at the end of `w`. Returns null when it fits one record (then `w` holds it), else the
 * parts as separate buffers (the rare path: a join into a room with a very large state; it needs `w` to
 * start empty). Pass Infinity as `partBytes` to never split (snapshots, which have no record size limit).
 */
export function encodeNewState(
  w: ByteWriter,
  id: StateId,
  parent: StateId,
  changes: readonly StateChange[],
  partBytes: number,
): Buffer[] | null {
  let parts: Buffer[] | null = null;
  const start = w.length;
  if (start !== 0 && partBytes !== Infinity) throw new Error('encodeNewState: a splittable state must start an empty writer');
  header(w, id, parent, 0);
  let count = 0;
  for (let i = 0; i < changes.length; i++) {
    const c = changes[i]!;
    w.str16(c[0]);
    w.str16(c[1]);
    w.nstr16(c[2]);
    count++;
    if (w.length >= partBytes && i < changes.length - 1) {
      w.patchU32(COUNT_OFFSET, count);
      const part = Buffer.from(w.view());
      part[MORE_OFFSET] = 1;
      (parts ??= []).push(part);
      w.reset();
      header(w, id, parent, parts.length);
      count = 0;
    }
  }
  w.patchU32(start + COUNT_OFFSET, count);
  if (parts !== null) parts.push(Buffer.from(w.view()));
  return parts;
}

export interface StatePart {
  id: StateId;
  parent: StateId;
  /** 0-based; a part continues a pending state only if it is the next part of the same id. */
  part: number;
  more: boolean;
  changes: StateChange[];
}

export function decodeNewState(r: ByteReader): StatePart {
  const id = r.u32();
  const parent = r.u32();
  const part = r.u32();
  const more = r.u8();
  if (more > 1) throw new DecodeError(`bad 'more' flag ${more}`);
  const count = r.u32();
  if (id === 0 || parent >= id) throw new DecodeError(`state ${id} cannot have parent ${parent}`);
  const changes = new Array<StateChange>(count);
  for (let i = 0; i < count; i++) changes[i] = [r.str16(), r.str16(), r.nstr16()];
  r.done();
  return { id, parent, part, more: more === 1, changes };
}
