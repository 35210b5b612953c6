// On-disk format of journal files: file names, the 16-byte file header and the record header layout.
//
// Every file starts with a file header:
//   0  8 bytes  magic "FLJOURNL"
//   8  u16 LE   format version (FORMAT_VERSION)
//  10  u16 LE   file kind (FileKind: segment or snapshot)
//  12  u32 LE   sequence number (the segment's own; for a snapshot, the last segment it covers)
// A segment then holds records back to back (see frame.ts); a snapshot holds the owner's bytes and a
// trailer (see snapshot-file.ts).

export const FORMAT_VERSION = 1;
export const FILE_MAGIC = Buffer.from('FLJOURNL', 'latin1');
export const FILE_HEADER_BYTES = 16;

export const FileKind = { SEGMENT: 1, SNAPSHOT: 2 } as const;
export type FileKind = (typeof FileKind)[keyof typeof FileKind];

/**
 * Largest payload one record may carry: 16 MiB − 1. Keeping the length below 2^24 makes the length's top
 * byte always zero, which the tail scan uses as a cheap filter (and a JSON payload, having no raw NUL
 * bytes, can never contain something that looks like a record header).
 */
export const MAX_PAYLOAD_BYTES = 0xff_ffff;

const PAD = 10;
export const segmentName = (seq: number): string => `journal-${String(seq).padStart(PAD, '0')}.log`;
export const snapshotName = (seq: number): string => `snapshot-${String(seq).padStart(PAD, '0')}.snap`;
export const TEMP_SUFFIX = '.tmp';

const SEGMENT_RE = /^journal-(\d+)\.log$/;
const SNAPSHOT_RE = /^snapshot-(\d+)\.snap$/;

/** The sequence number in a segment file name, or -1 if the name is not a segment's. */
export function parseSegmentName(name: string): number {
  const m = SEGMENT_RE.exec(name);
  return m ? Number(m[1]) : -1;
}

/** The sequence number in a snapshot file name, or -1 if the name is not a snapshot's. */
export function parseSnapshotName(name: string): number {
  const m = SNAPSHOT_RE.exec(name);
  return m ? Number(m[1]) : -1;
}

export function encodeFileHeader(kind: FileKind, seq: number): Buffer {
  const b = Buffer.alloc(FILE_HEADER_BYTES);
  FILE_MAGIC.copy(b, 0);
  b.writeUInt16LE(FORMAT_VERSION, 8);
  b.writeUInt16LE(kind, 10);
  b.writeUInt32LE(seq, 12);
  return b;
}

/** Why `b` is not the header of a `kind` file with sequence `seq`, or null when it is. */
export function fileHeaderProblem(b: Buffer, kind: FileKind, seq: number): string | null {
  if (b.length < FILE_HEADER_BYTES) return `file header is ${b.length} bytes, expected ${FILE_HEADER_BYTES}`;
  if (!b.subarray(0, 8).equals(FILE_MAGIC)) return 'bad file magic (not a Fluctlight journal file)';
  const version = b.readUInt16LE(8);
  if (version !== FORMAT_VERSION) return `unsupported format version ${version} (this build reads ${FORMAT_VERSION})`;
  const k = b.readUInt16LE(10);
  if (k !== kind) return `file kind ${k}, expected ${kind}`;
  const s = b.readUInt32LE(12);
  if (s !== seq) return `header sequence ${s} does not match the file name's ${seq}`;
  return null;
}
