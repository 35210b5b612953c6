// Load scenario send-ingest: PDUs/s accepted through PUT /_matrix/federation/v1/send at max rate, 50 PDUs per
// transaction, one transaction in flight per fake server, signed by several remote servers, into a room of
// 1,000 members. Each round also runs the raw single-core node:crypto ed25519 verify loop on the server's core:
// the goal is ingestion ≥ 60% of that rate. Contenders are measured interleaved (A, B, A, B, …).
import { spread } from '../lib/noise.ts';
import { makeResult } from '../lib/make-result.ts';
import { metricOf, type BenchResult, type Metric } from '../lib/result.ts';
import type { Contender, RunContext, Scenario, ScenarioOutcome } from '../lib/scenario.ts';
import { cpuPerStep, fedBottleneckNote, fedParams, populateRoom, sendWindow, startFleet, type Measured, type PopulatedRoom } from './fed/fed-run.ts';
import type { Fleet } from './fed/fleet.ts';
import type { IngestSample } from './fed/ingest.ts';
import { medianLatency, pduMetrics } from './fed/ingest-metrics.ts';
import { rawVerifyRate, type RawVerify } from './fed/raw-verify.ts';
import { fedSizes, type FedSizes } from './fed/sizes.ts';
import { canCreateRoom } from './fed/target-room.ts';
import { PDUS_PER_TXN } from './fed/transactions.ts';

export const SEND_PATH = '/_matrix/federation/v1/send/:txnId';
/** Ingestion over the raw verify rate, per the issue. */
export const VERIFY_GOAL = 0.6;
const MAX_WINDOW_PDUS = 200_000;

interface Lane {
  readonly c: Contender;
  readonly fleet: Fleet;
  readonly room: PopulatedRoom;
  readonly windowPdus: number;
  readonly warmup: IngestSample;
  readonly windows: Measured<IngestSample>[];
  readonly verifies: RawVerify[];
}

async function setUp(ctx: RunContext, c: Contender, sizes: FedSizes): Promise<Lane> {
  const fleet = await startFleet(ctx, c, sizes.servers);
  try {
    const room = await populateRoom(ctx, c, fleet, sizes.ingestMembers);
    ctx.progress.step(`${c.label}: warm-up, ${sizes.warmupPdus} PDUs`);
    const warmup = (await sendWindow(ctx, c, fleet, room.roomId, sizes.warmupPdus, null)).value;
    // Measured windows last about --duration at the warm-up's rate (the same size every round).
    const windowPdus = Math.min(MAX_WINDOW_PDUS, Math.max(sizes.servers * PDUS_PER_TXN, Math.round(warmup.pdusPerS * ctx.params.durationS)));
    return { c, fleet, room, windowPdus, warmup, windows: [], verifies: [] };
  } catch (e) {
    await fleet.stop();
    throw e;
  }
}

async function round(ctx: RunContext, lane: Lane, sizes: FedSizes, r: number): Promise<void> {
  const { c, fleet } = lane;
  await fleet.call('quiesce', { idleMs: 200, maxMs: 5_000 });
  ctx.progress.step(`round ${r}/${ctx.params.repeats}: ${c.label}, ${lane.windowPdus} PDUs`);
  const w = await sendWindow(ctx, c, fleet, lane.room.roomId, lane.windowPdus, null);
  lane.windows.push(w);
  ctx.progress.step(`round ${r}/${ctx.params.repeats}: raw node:crypto verify loop on the server's core`);
  const v = await rawVerifyRate(ctx.pinning.pinned ? ctx.pinning.server_cpus : null, sizes.verifyMs);
  lane.verifies.push(v);
  ctx.progress.rate(`${c.label} ${Math.round(w.value.pdusPerS)} PDUs/s, raw verify ${Math.round(v.verifiesPerS)}/s` + (w.value.errors ? `, ${w.value.errors} errors` : ''));
}

function laneResult(ctx: RunContext, lane: Lane, sizes: FedSizes, startedAt: Date, durationMs: number, slots: Record<string, string>): { result: BenchResult; summary: string; failure: string | null } {
  const { c, windows, verifies } = lane;
  const ratio = windows.map((w, i) => w.value.pdusPerS / verifies[i]!.verifiesPerS);
  const metrics: Record<string, Metric> = {
    ...pduMetrics(windows),
    ratio_vs_raw_verify: metricOf(ratio, 'ratio', 'higher'),
    raw_verify_per_s: metricOf(verifies.map((v) => v.verifiesPerS), 'verifies/s', 'higher'),
    raw_verify_per_cpu_s: metricOf(verifies.map((v) => v.verifiesPerCpuS), 'verifies/s', 'higher'),
  };
  // Per CPU-second on both sides: steady when other processes take turns on the server's core.
  const cpuRatio = windows.flatMap((w, i) => (w.serverCpuS ? [w.value.accepted / w.serverCpuS / verifies[i]!.verifiesPerCpuS] : []));
  if (cpuRatio.length === windows.length) metrics.cpu_ratio_vs_raw_verify = metricOf(cpuRatio, 'ratio', 'higher');
  const errors = windows.reduce((n, w) => n + w.value.errors, 0) + lane.warmup.errors;
  const errorSamples = [...lane.warmup.errorSamples, ...windows.flatMap((w) => w.value.errorSamples)];
  const note = fedBottleneckNote(windows);
  const rm = metrics.ratio_vs_raw_verify!;
  const pm = metrics.pdus_per_s!;
  const summary = `${c.label} send-ingest: ${Math.round(pm.median)} PDUs/s (±${Math.round(spread(pm))}, n=${pm.samples.length}); ` +
    `÷ raw node:crypto verify ${Math.round(metrics.raw_verify_per_s!.median)}/s = ×${rm.median.toFixed(3)} (min ${rm.min.toFixed(3)}, max ${rm.max.toFixed(3)})` +
    (metrics.cpu_ratio_vs_raw_verify ? `, per CPU-second ×${metrics.cpu_ratio_vs_raw_verify.median.toFixed(3)}` : '') +
    ` — goal ≥ ${VERIFY_GOAL}: ${rm.median >= VERIFY_GOAL ? 'met' : 'NOT met'}`;
  const result = makeResult(ctx.env, {
    scenario: 'send-ingest', kind: 'load', target: c.target, experiment: c.experiment, slots, startedAt, durationMs,
    params: fedParams(ctx, c, sizes, {
      members: lane.room.members, room_setup: lane.room.setup, pdus_per_txn: PDUS_PER_TXN, in_flight: `one transaction per fake server (${sizes.servers})`,
      dag: 'each fake server chains its own messages from the room head (one branch per server)',
      window_pdus: lane.windowPdus, window_s: windows.map((w) => Math.round(w.wallS * 100) / 100),
      prebuild_ms: windows.map((w) => Math.round(w.value.prebuildMs)), warmup_pdus: lane.warmup.pdus,
      settle_ms: windows.map((w) => Math.round(w.value.settleMs)),
      window_end: 'when the target serves every branch\'s last event (GET /event): Synapse answers /send before processing',
      warmup_pdus_per_s: Math.round(lane.warmup.pdusPerS), repeats: ctx.params.repeats, duration_s: ctx.params.durationS,
      raw_verify: { what: 'crypto.verify(null, msg, KeyObject, sig) over 256 redacted canonical m.room.message PDUs, child process on the server cores', ms: sizes.verifyMs, message_bytes: Math.round(verifies[0]?.messageBytes ?? 0) },
      order: 'rounds interleaved over contenders: quiesce, window, raw verify loop',
      per_window: cpuPerStep(windows),
    }),
    metrics, latencyMs: medianLatency(windows), errors, errorSamples, peakRssBytes: c.peakRss(),
    ...(note ? { notes: note } : {}),
  });
  return { result, summary, failure: errors > 0 ? `send-ingest ${c.label}: ${errors} PDUs not accepted` : null };
}

export const sendIngest: Scenario = {
  name: 'send-ingest',
  kind: 'load',
  description: `PUT /send at max rate (50 PDUs/txn, one txn in flight per fake server, 1,000-member room); PDUs/s and ratio to raw node:crypto verify (goal ≥ ${VERIFY_GOAL})`,
  needs: [{ kind: 'route', method: 'PUT', path: SEND_PATH }],
  defaultTargets: ['fluctlight'],
  defaults: { quick: false, repeats: 5, durationS: 8, warmupS: 0, connections: 1 },
  quickDefaults: { quick: true, repeats: 2, durationS: 1, warmupS: 0, connections: 1 },
  estimateS: (p, n) => n * ((p.quick ? 4 : 8) + p.repeats * (p.durationS + (p.quick ? 2 : 5))),

  async run(ctx): Promise<ScenarioOutcome> {
    const sizes = fedSizes(ctx.params.quick);
    const startedAt = new Date();
    const t0 = performance.now();
    const failures: string[] = [];
    const lanes: Lane[] = [];
    try {
      for (const c of ctx.contenders) {
        const why = canCreateRoom(c);
        if (why) failures.push(why);
        else lanes.push(await setUp(ctx, c, sizes));
      }
      for (let r = 1; r <= ctx.params.repeats; r++) for (const lane of lanes) await round(ctx, lane, sizes, r);
      const results: BenchResult[] = [];
      const summary: string[] = [];
      for (const lane of lanes) {
        const o = laneResult(ctx, lane, sizes, startedAt, performance.now() - t0, await lane.c.slots());
        results.push(o.result);
        summary.push(o.summary);
        if (o.failure) failures.push(o.failure);
      }
      return { results, failures, summary };
    } finally {
      await Promise.all(lanes.map((l) => l.fleet.stop()));
    }
  },
};
