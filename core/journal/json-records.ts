// JSON convenience layer over the byte journal: JSON.stringify on append, JSON.parse on replay.
//
// Plain JSON (not canonical JSON): records only have to read back equal, and JSON.stringify is the fastest
// encoder. Values must survive a JSON round trip (no undefined, bigint, Map, …).
import type { Journal } from './journal.ts';
import type { OnRecord } from './segment-reader.ts';
import type { SnapshotSink, SnapshotSource } from './snapshot-file.ts';

const decoder = new TextDecoder('utf-8', { fatal: true });

export function encodeJson(value: unknown): Uint8Array {
  const text = JSON.stringify(value);
  if (text === undefined) throw new TypeError('value has no JSON form');
  return Buffer.from(text, 'utf8');
}

export function decodeJson(bytes: Uint8Array): unknown {
  return JSON.parse(decoder.decode(bytes));
}

/** Appends `value` as a JSON record of `type`. */
export function appendJson(journal: Journal, type: number, value: unknown): Promise<void> {
  return journal.append(type, encodeJson(value));
}

/** Adapts a handler of parsed values to replay()'s byte handler. */
export function onJsonRecord(handler: (type: number, value: unknown) => void | Promise<void>): OnRecord {
  return (type, payload) => handler(type, decodeJson(payload));
}

/** A snapshot() writer for a JSON value; the value is serialised at once, so the snapshot is consistent. */
export function jsonSnapshot(value: unknown): (sink: SnapshotSink) => Promise<void> {
  const bytes = encodeJson(value);
  return (sink) => sink.write(bytes);
}

export async function readJsonSnapshot(source: SnapshotSource): Promise<unknown> {
  return decodeJson(await source.readAll());
}
