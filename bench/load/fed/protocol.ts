// The messages between a scenario (parent) and the federation load generator process (fleet-process.ts), over
// Node's IPC channel: one request per operation, one reply each, matched by id.
import type { BackfillResult } from './backfill-walk.ts';
import type { ChainResult } from './chain.ts';
import type { Received } from './fake-routes.ts';
import type { IngestSample } from './ingest.ts';
import type { StormResult, TimedJoins } from './join-load.ts';

/**
 * `gated`: the target's answer to /send does not mean its PDUs are processed (Synapse): wait, after each
 * transaction, until its last event is served, one transaction in flight overall (see ingest.ts, settle.ts).
 */
export interface FleetOps {
  /** Start `servers` fake servers federating with the target. */
  init: { targetOrigin: string; targetName: string; servers: number; connections: number };
  /** One user of every fake server joins through make_join/send_join (in turn); the room's view is built. */
  'join-servers': { roomId: string };
  /** `count` more members join, as join events in /send from their own servers (one chain). */
  'bulk-join': { roomId: string; count: number; gated: boolean };
  /** `count` messages as one chain over /send (history for backfill). */
  'fill-messages': { roomId: string; count: number; gated: boolean };
  /** Pre-build and sign ~`pdus` messages in transactions over every server's branch (untimed). */
  prepare: { roomId: string; pdus: number };
  /** Send what `prepare` built: as fast as the target answers, or at `rate` PDUs/s. */
  ingest: { rate: number | null; gated: boolean };
  /** `omitMembers`: ask for the partial answer (send_join ?omit_members=true). */
  'timed-joins': { roomId: string; count: number; omitMembers?: boolean };
  'join-storm': { roomId: string; count: number; concurrency: number };
  backfill: { roomId: string; limit: number };
  /** Wait until no transaction from the target arrived for `idleMs` (at most `maxMs`). */
  quiesce: { idleMs: number; maxMs: number };
  stats: Record<string, never>;
  close: Record<string, never>;
}

export interface QuiesceResult {
  readonly waitedMs: number;
  readonly drained: boolean;
}

export interface JoinServersResult {
  readonly ms: number;
  readonly members: number;
  readonly roomVersion: string;
}

export interface FleetReplies {
  init: { names: string[] };
  'join-servers': JoinServersResult;
  'bulk-join': ChainResult & { members: number };
  'fill-messages': ChainResult;
  prepare: { pdus: number; txns: number; prebuildMs: number };
  ingest: IngestSample;
  'timed-joins': TimedJoins;
  'join-storm': StormResult;
  backfill: BackfillResult;
  quiesce: QuiesceResult;
  stats: { servers: Array<{ name: string } & Received> };
  close: Record<string, never>;
}

export type FleetOp = keyof FleetOps;

export interface FleetRequest {
  readonly id: number;
  readonly op: FleetOp;
  readonly args: unknown;
}

export type FleetResponse =
  | { readonly id: number; readonly ok: true; readonly value: unknown }
  | { readonly id: number; readonly ok: false; readonly error: string };
