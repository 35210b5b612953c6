// Reads a room-data snapshot body (format in snapshot-body.ts) from the journal's chunks into `apply`.
//
// Entries are decoded in place in each chunk; only an entry that straddles a chunk boundary is copied, into
// a buffer of exactly its size (so a huge state spread over many chunks costs one copy, not one per chunk).
import { ENTRY_HEADER, HEAD_BYTES, MAGIC, BODY_VERSION, type SnapshotCounts } from './snapshot-body.ts';
import { RecordType } from './records.ts';
import type { SnapshotSource } from '../../journal/index.ts';

/** Builds the error for a defect at a body offset; the caller makes it the journal's corruption error. */
export type BodyDefect = (bodyOffset: number, reason: string) => Error;

/** An entry being assembled across chunks: its 5-byte header, then its payload. */
class Straddle {
  readonly header = Buffer.alloc(ENTRY_HEADER);
  headerFill = 0;
  payload: Buffer | null = null;
  payloadFill = 0;
  at = -1;

  start(at: number): void {
    this.at = at;
    this.headerFill = 0;
    this.payload = null;
    this.payloadFill = 0;
  }

  /** Takes what it still needs from buf[pos…]; returns the new position. */
  feed(buf: Buffer, pos: number, maxPayload: number, defect: BodyDefect): number {
    if (this.payload === null) {
      const n = Math.min(ENTRY_HEADER - this.headerFill, buf.length - pos);
      buf.copy(this.header, this.headerFill, pos, pos + n);
      this.headerFill += n;
      pos += n;
      if (this.headerFill < ENTRY_HEADER) return pos;
      const len = this.header.readUInt32LE(1);
      if (len > maxPayload) throw defect(this.at, `entry claims ${len} bytes, more than the body holds`);
      this.payload = Buffer.allocUnsafe(len);
    }
    const n = Math.min(this.payload.length - this.payloadFill, buf.length - pos);
    buf.copy(this.payload, this.payloadFill, pos, pos + n);
    this.payloadFill += n;
    return pos + n;
  }

  get complete(): boolean {
    return this.payload !== null && this.payloadFill === this.payload.length;
  }
}

/** Streams the body into `apply` and checks the counts against SNAPSHOT_END. */
export async function readSnapshotBody(
  source: SnapshotSource,
  apply: (type: number, payload: Buffer) => void,
  defect: BodyDefect,
): Promise<SnapshotCounts> {
  const seen: SnapshotCounts = { states: 0, events: 0, rooms: 0, aux: 0 };
  let claimed: SnapshotCounts | null = null;
  const entry = (type: number, payload: Buffer, at: number): void => {
    if (claimed !== null) throw defect(at, 'entries after SNAPSHOT_END');
    try {
      if (type === RecordType.SNAPSHOT_END_V1) claimed = readEnd(payload);
      else {
        apply(type, payload);
        count(seen, type);
      }
    } catch (e) {
      throw defect(at, (e as Error).message);
    }
  };
  const head = Buffer.alloc(HEAD_BYTES);
  let headFill = 0;
  const straddle = new Straddle();
  let base = 0; // body offset of the chunk's first byte
  for await (const chunk of source.chunks()) {
    const buf = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    let pos = 0;
    if (headFill < HEAD_BYTES) {
      pos = Math.min(HEAD_BYTES - headFill, buf.length);
      buf.copy(head, headFill, 0, pos);
      headFill += pos;
      if (headFill === HEAD_BYTES) checkHead(head, defect);
    }
    if (straddle.at >= 0) {
      pos = straddle.feed(buf, pos, source.bytes, defect);
      if (straddle.complete) {
        entry(straddle.header[0]!, straddle.payload!, straddle.at);
        straddle.at = -1;
      }
    }
    while (buf.length - pos >= ENTRY_HEADER) {
      const end = pos + ENTRY_HEADER + buf.readUInt32LE(pos + 1);
      if (end > buf.length) break;
      entry(buf[pos]!, buf.subarray(pos + ENTRY_HEADER, end), base + pos);
      pos = end;
    }
    if (pos < buf.length) {
      straddle.start(base + pos);
      straddle.feed(buf, pos, source.bytes, defect);
    }
    base += buf.length;
  }
  if (headFill < HEAD_BYTES) throw defect(0, `snapshot body is only ${base} bytes`);
  if (straddle.at >= 0) throw defect(straddle.at, 'snapshot body ends inside an entry');
  if (claimed === null) throw defect(base, 'snapshot body has no SNAPSHOT_END (incomplete snapshot)');
  const c: SnapshotCounts = claimed;
  if (c.states !== seen.states || c.events !== seen.events || c.rooms !== seen.rooms || c.aux !== seen.aux) {
    throw defect(base, `snapshot holds ${JSON.stringify(seen)} but its end says ${JSON.stringify(c)}`);
  }
  return seen;
}

function checkHead(head: Buffer, defect: BodyDefect): void {
  if (!head.subarray(0, 8).equals(MAGIC)) throw defect(0, 'not a room-data snapshot (bad magic)');
  const v = head.readUInt32LE(8);
  if (v !== BODY_VERSION) throw defect(8, `room-data snapshot version ${v}, this build reads ${BODY_VERSION}`);
}

function readEnd(p: Buffer): SnapshotCounts {
  if (p.length !== 20) throw new Error(`SNAPSHOT_END is ${p.length} bytes, expected 20`);
  return { states: p.readUInt32LE(0), events: p.readDoubleLE(4), rooms: p.readUInt32LE(12), aux: p.readUInt32LE(16) };
}

function count(seen: SnapshotCounts, type: number): void {
  if (type === RecordType.NEW_STATE_V1) seen.states++;
  else if (type === RecordType.PUT_EVENT_V1) seen.events++;
  else if (type === RecordType.SET_ROOM_V1) seen.rooms++;
  else if (type === RecordType.AUX_V1) seen.aux++;
}
