// What the federation scenarios share on the parent side: starting the generator process for a contender,
// populating a room on the target, timing a step with the server's CPU use, and the params every result carries.
import { cpuJiffies, cpuList, cpuSeconds } from '../../lib/proc.ts';
import type { BenchResult } from '../../lib/result.ts';
import type { Contender, RunContext, ScenarioOutcome } from '../../lib/scenario.ts';
import { Fleet, FLEET_DESCRIPTION } from './fleet.ts';
import type { IngestSample } from './ingest.ts';
import { fedSizes, type FedSizes } from './sizes.ts';
import { ackMeansProcessed, canCreateRoom, createTargetRoom, ROOM_VERSION, targetName } from './target-room.ts';

/** The generator for one contender, pinned to the generator's cores (the server has the others). */
export function startFleet(ctx: RunContext, c: Contender, servers: number, connections = 1): Promise<Fleet> {
  return Fleet.start({
    targetOrigin: c.origin, targetName: targetName(c), servers, connections,
    cpus: ctx.pinning.pinned ? ctx.pinning.generator_cpus : null,
  });
}

export interface Measured<T> {
  readonly value: T;
  readonly wallS: number;
  /** The server process's CPU seconds over the step; null when its pid is unknown. */
  readonly serverCpuS: number | null;
  /** The generator process's CPU seconds (given its pid). */
  readonly generatorCpuS: number | null;
  /** How busy the pinned server / generator cores were over the step, by anyone (0–1; null unpinned). */
  readonly serverCoreBusy: number | null;
  readonly generatorCoreBusy: number | null;
}

/** Runs `step`, noting the server's (and the generator's) CPU use and how busy their cores were meanwhile. */
export async function withServerCpu<T>(ctx: RunContext, c: Contender, step: () => Promise<T>, generatorPid: number | null = null): Promise<Measured<T>> {
  const pin = ctx.pinning.pinned ? ctx.pinning : null;
  const serverCpus = pin ? cpuList(pin.server_cpus) : [];
  const generatorCpus = pin ? cpuList(pin.generator_cpus) : [];
  const s0 = cpuJiffies(serverCpus);
  const g0 = cpuJiffies(generatorCpus);
  const cpu0 = c.pid === null ? null : cpuSeconds(c.pid);
  const gen0 = generatorPid === null ? null : cpuSeconds(generatorPid);
  const t0 = performance.now();
  const value = await step();
  const wallS = (performance.now() - t0) / 1000;
  const cpu1 = c.pid === null ? null : cpuSeconds(c.pid);
  const gen1 = generatorPid === null ? null : cpuSeconds(generatorPid);
  const busy = (a: ReturnType<typeof cpuJiffies>, b: ReturnType<typeof cpuJiffies>) =>
    pin && a && b && b.total > a.total ? (b.busy - a.busy) / (b.total - a.total) : null;
  return {
    value, wallS,
    serverCpuS: cpu0 === null || cpu1 === null ? null : cpu1 - cpu0,
    generatorCpuS: gen0 === null || gen1 === null ? null : gen1 - gen0,
    serverCoreBusy: busy(s0, cpuJiffies(serverCpus)),
    generatorCoreBusy: busy(g0, cpuJiffies(generatorCpus)),
  };
}

const r3 = (x: number | null) => (x === null ? null : Math.round(x * 1000) / 1000);

/** Per-step CPU diagnostics for params: cores used by the server and generator processes, and core busyness. */
export function cpuPerStep(ms: readonly Measured<unknown>[]): Record<string, (number | null)[]> {
  return {
    server_process_cores: ms.map((m) => r3(m.serverCpuS === null ? null : m.serverCpuS / m.wallS)),
    generator_process_cores: ms.map((m) => r3(m.generatorCpuS === null ? null : m.generatorCpuS / m.wallS)),
    server_core_busy: ms.map((m) => r3(m.serverCoreBusy)),
    generator_core_busy: ms.map((m) => r3(m.generatorCoreBusy)),
  };
}

export interface PopulatedRoom {
  readonly roomId: string;
  readonly members: number;
  /** How the room was filled, for params. */
  readonly setup: Readonly<Record<string, unknown>>;
}

/**
 * A new public room on the target with `members` joined members (its creator included): one user of every fake
 * server joins through make_join/send_join, the rest as join events in /send transactions from their own
 * servers (50 per transaction, one chain, one transaction in flight). Throws if the target refuses any join.
 */
export async function populateRoom(ctx: RunContext, c: Contender, fleet: Fleet, members: number): Promise<PopulatedRoom> {
  const t0 = performance.now();
  ctx.progress.step(`${c.label}: creating a room, ${fleet.names.length} fake servers join (make_join/send_join)`);
  const roomId = await createTargetRoom(c, ROOM_VERSION);
  const first = await fleet.call('join-servers', { roomId });
  const rest = Math.max(0, members - first.members);
  let bulk = null;
  if (rest > 0) {
    ctx.progress.step(`${c.label}: ${rest} more members join over /send`);
    bulk = await fleet.call('bulk-join', { roomId, count: rest, gated: !ackMeansProcessed(c) });
    if (bulk.errors > 0) throw new Error(`${c.label}: ${bulk.errors} of ${bulk.sent} joins over /send refused: ${bulk.errorSamples.join('; ')}`);
  }
  const total = bulk?.members ?? first.members;
  return {
    roomId, members: total,
    setup: {
      method: 'one make_join + send_join per fake server, then join events over /send from each user\'s own server (50 per transaction, one chain)',
      send_join_joins: fleet.names.length, send_joins_ms: Math.round(first.ms),
      send_joins: bulk?.sent ?? 0, send_txns: bulk?.txns ?? 0, send_ms: Math.round(bulk?.ms ?? 0), send_settle_ms: Math.round(bulk?.settleMs ?? 0),
      total_ms: Math.round(performance.now() - t0), room_version: first.roomVersion,
    },
  };
}

/** Params every federation result carries. */
export function fedParams(ctx: RunContext, c: Contender, sizes: FedSizes, extra: Record<string, unknown>): Record<string, unknown> {
  return {
    run: ctx.run, quick: ctx.params.quick, target_name: targetName(c), fake_servers: sizes.servers,
    flow_control: ackMeansProcessed(c)
      ? 'none: the target answers /send once its PDUs are processed'
      : 'gated: the target answers /send before processing (Synapse), so each transaction is waited for (its last event served) before the next; one in flight overall',
    generator: FLEET_DESCRIPTION, pinning: ctx.pinning, server_cpus: c.cpus, ...extra,
  };
}

/** A short label for errors: the first few samples joined. */
export function firstErrors(samples: readonly string[]): string {
  return samples.slice(0, 3).join('; ');
}

/**
 * Why the server used well under one core over the measured steps, when the diagnostics tell (null when it was
 * busy): its core taken by other processes, the generator's core saturated, or idle time on its core (the
 * transactions in flight were too few to keep it busy, or it waited on its journal).
 */
export function fedBottleneckNote(ms: readonly Measured<unknown>[]): string | null {
  const med = (f: (m: Measured<unknown>) => number | null) => {
    const xs = ms.map(f).filter((x): x is number => x !== null).sort((a, b) => a - b);
    return xs.length === ms.length && xs.length > 0 ? xs[Math.floor(xs.length / 2)]! : null;
  };
  const server = med((m) => (m.serverCpuS === null ? null : m.serverCpuS / m.wallS));
  if (server === null || server >= 0.85) return null;
  const parts = [`the server process used ${server.toFixed(2)} cores (median)`];
  const serverBusy = med((m) => m.serverCoreBusy);
  const genBusy = med((m) => m.generatorCoreBusy);
  if (serverBusy !== null && serverBusy >= 0.9) parts.push(`its core was ${(serverBusy * 100).toFixed(0)}% busy: other processes took the rest`);
  if (genBusy !== null && genBusy >= 0.9) parts.push(`the generator's core was ${(genBusy * 100).toFixed(0)}% busy: it (or what shares its core) may have set the pace`);
  if (parts.length === 1) parts.push('with idle time on its core: the transactions in flight (one per fake server) did not keep it busy, or it waited (e.g. on its journal)');
  return parts.join('; ') + ' — compare server_cpu_per_pdu and cpu_ratio_vs_raw_verify, which do not depend on that';
}

/** One /send window: ~`pdus` messages built and signed first (untimed), then sent with the server's CPU measured. */
export async function sendWindow(ctx: RunContext, c: Contender, fleet: Fleet, roomId: string, pdus: number, rate: number | null): Promise<Measured<IngestSample>> {
  await fleet.call('prepare', { roomId, pdus });
  return withServerCpu(ctx, c, () => fleet.call('ingest', { rate, gated: !ackMeansProcessed(c) }), fleet.pid);
}

/** What one contender's run of a federation scenario gives back (scenarios differ in how many lines they say). */
export interface ContenderOutcome {
  readonly result: BenchResult;
  readonly summary: string | readonly string[];
  readonly failures?: readonly string[];
  readonly failure?: string | null;
}

/**
 * Runs a federation scenario once per contender that can have a room created for it, in order, and gathers the
 * results, failures and summary lines into the scenario's outcome.
 */
export async function runEachContender(
  ctx: RunContext,
  run: (c: Contender, sizes: FedSizes) => Promise<ContenderOutcome>,
): Promise<ScenarioOutcome> {
  const sizes = fedSizes(ctx.params.quick);
  const results: BenchResult[] = [];
  const failures: string[] = [];
  const summary: string[] = [];
  for (const c of ctx.contenders) {
    const why = canCreateRoom(c);
    if (why) {
      failures.push(why);
      continue;
    }
    const o = await run(c, sizes);
    results.push(o.result);
    summary.push(...(typeof o.summary === 'string' ? [o.summary] : o.summary));
    failures.push(...(o.failures ?? []), ...(o.failure ? [o.failure] : []));
  }
  return { results, failures, summary };
}
