// Load scenario backfill-10k: a room with 10,000 messages (sent over /send by the fake servers), then the whole
// history fetched back with GET /_matrix/federation/v1/backfill in pages of 100, as a server that just joined
// would page through it; --repeats walks. Reports the walk's time, the server's share and events/s.
import { makeResult } from '../lib/make-result.ts';
import { metricOf, type BenchResult, type Metric } from '../lib/result.ts';
import type { Contender, RunContext, Scenario } from '../lib/scenario.ts';
import type { BackfillResult } from './fed/backfill-walk.ts';
import { cpuPerStep, fedParams, startFleet, withServerCpu, type Measured , runEachContender } from './fed/fed-run.ts';
import { medianLatency } from './fed/ingest-metrics.ts';
import type { FedSizes } from './fed/sizes.ts';
import { ackMeansProcessed, createTargetRoom } from './fed/target-room.ts';

async function contenderRun(ctx: RunContext, c: Contender, sizes: FedSizes): Promise<{ result: BenchResult; summary: string; failures: string[] }> {
  const startedAt = new Date();
  const t0 = performance.now();
  const fleet = await startFleet(ctx, c, sizes.servers);
  try {
    ctx.progress.step(`${c.label}: new room, fake servers join, ${sizes.backfillEvents} messages over /send`);
    const roomId = await createTargetRoom(c);
    await fleet.call('join-servers', { roomId });
    const fill = await fleet.call('fill-messages', { roomId, count: sizes.backfillEvents, gated: !ackMeansProcessed(c) });
    if (fill.errors > 0) throw new Error(`${c.label}: ${fill.errors} messages refused while filling the room: ${fill.errorSamples.slice(0, 3).join('; ')}`);
    ctx.progress.step(`${c.label}: warm-up walk`);
    await fleet.call('backfill', { roomId, limit: sizes.backfillLimit });
    const walks: Measured<BackfillResult>[] = [];
    const failures: string[] = [];
    for (let r = 1; r <= ctx.params.repeats; r++) {
      ctx.progress.step(`${c.label}: backfill walk ${r}/${ctx.params.repeats}`);
      const w = await withServerCpu(ctx, c, () => fleet.call('backfill', { roomId, limit: sizes.backfillLimit }), fleet.pid);
      walks.push(w);
      // Every message we sent, our joins, and the room's initial events must come back, and nothing stay missing.
      if (w.value.events < sizes.backfillEvents + sizes.servers || w.value.unresolved > 0) {
        failures.push(`backfill-10k ${c.label}: walk ${r} got ${w.value.events} events (${w.value.unresolved} still missing), expected > ${sizes.backfillEvents + sizes.servers}`);
      }
      ctx.progress.rate(`${c.label} ${w.value.events} events in ${w.value.wallMs.toFixed(0)} ms (${w.value.pages} pages)`);
    }
    const v = (f: (b: BackfillResult) => number) => walks.map((w) => f(w.value));
    const metrics: Record<string, Metric> = {
      backfill_ms: metricOf(v((b) => b.wallMs), 'ms', 'lower'),
      server_ms: metricOf(v((b) => b.serverMs), 'ms', 'lower'),
      events_per_s: metricOf(v((b) => b.events / (b.wallMs / 1000)), 'events/s', 'higher'),
      page_p50_latency: metricOf(v((b) => b.pageMs.p50), 'ms', 'lower'),
      page_p99_latency: metricOf(v((b) => b.pageMs.p99), 'ms', 'lower'),
      ...(walks.every((w) => w.serverCpuS !== null) ? { server_cpu_ms: metricOf(walks.map((w) => w.serverCpuS! * 1000), 'ms', 'lower') } : {}),
    };
    const b = metrics.backfill_ms!;
    const summary = `${c.label} backfill-10k: ${walks[0]?.value.events ?? 0} events in ${walks[0]?.value.pages ?? 0} pages: ` +
      `median ${b.median.toFixed(0)} ms (min ${b.min.toFixed(0)}, max ${b.max.toFixed(0)}), of which answers ${metrics.server_ms!.median.toFixed(0)} ms; ` +
      `${Math.round(metrics.events_per_s!.median)} events/s`;
    const result = makeResult(ctx.env, {
      scenario: 'backfill-10k', kind: 'load', target: c.target, experiment: c.experiment, slots: await c.slots(), startedAt,
      durationMs: performance.now() - t0,
      params: fedParams(ctx, c, sizes, {
        messages: sizes.backfillEvents, limit: sizes.backfillLimit, repeats: ctx.params.repeats, warmup_walks: 1,
        fill: { txns: fill.txns, ms: Math.round(fill.ms), settle_ms: Math.round(fill.settleMs), how: 'one chain of m.room.message over /send, 50 per transaction, fake servers in turn' },
        events: walks[0]?.value.events, pages: walks[0]?.value.pages, bytes: walks[0]?.value.bytes,
        per_walk: cpuPerStep(walks),
        timing: 'backfill_ms: the whole walk (the client parses each page and hashes event ids to find the next v); server_ms: sum of request → last byte',
      }),
      metrics, latencyMs: medianLatency(walks.map((w) => ({ value: { latencyMs: w.value.pageMs } }))), errors: failures.length,
      errorSamples: failures, peakRssBytes: c.peakRss(), notes: 'latency_ms is per page',
    });
    return { result, summary, failures };
  } finally {
    await fleet.stop();
  }
}

export const backfill10k: Scenario = {
  name: 'backfill-10k',
  kind: 'load',
  description: 'GET /backfill of a 10,000-message room in pages of 100, from the head back to the create event',
  needs: [{ kind: 'route', method: 'GET', path: '/_matrix/federation/v1/backfill/:roomId' }],
  defaultTargets: ['fluctlight'],
  defaults: { quick: false, repeats: 5, durationS: 0, warmupS: 0, connections: 1 },
  quickDefaults: { quick: true, repeats: 2, durationS: 0, warmupS: 0, connections: 1 },
  estimateS: (p, n) => n * (p.quick ? 3 : 10 + p.repeats * 2),

  run: (ctx) => runEachContender(ctx, (c, sizes) => contenderRun(ctx, c, sizes)),
};
