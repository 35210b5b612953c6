// Public surface of the durable room data.
export { JournaledRoomData } from './journaled-room-data.ts';
export type { DurableStats, JournaledRoomDataOptions, LoadedSnapshot, ReplayStats, SnapshotDone } from './durable-options.ts';
export type { AuxHandlers, AuxReplay, AuxSnapshot } from './aux-registry.ts';
export { RecordType, STATE_PART_BYTES } from './records.ts';
