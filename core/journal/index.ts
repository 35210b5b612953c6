// Public surface of the journal.
export { Journal, JournalState } from './journal.ts';
export type { JournalOptions, SnapshotInfo, SnapshotWrite } from './journal.ts';
export type { ReplayHandlers, ReplayResult, TornTail } from './replay.ts';
export type { OnRecord } from './segment-reader.ts';
export type { SnapshotSink, SnapshotSource } from './snapshot-file.ts';
export type { JournalStats } from './stats.ts';
export type { JournalIo, SyncMethod } from './fs-io.ts';
export { JournalCorruptError, JournalError, JournalErrorCode } from './errors.ts';
export { MAX_PAYLOAD_BYTES, segmentName, snapshotName } from './format.ts';
export { appendJson, decodeJson, encodeJson, jsonSnapshot, onJsonRecord, readJsonSnapshot } from './json-records.ts';
