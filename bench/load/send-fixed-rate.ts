// Load scenario send-fixed-rate: the send-ingest room and traffic, offered at fixed PDU rates (default 500 and
// 1,000 PDUs/s; FL_BENCH_FED_RATES) in 50-PDU transactions spread over the fake servers, one in flight per server.
// Latency per transaction counts from its scheduled send time (open loop: a slow answer charges the transactions
// queued behind it), so it shows how far below its ceiling the server keeps latency low.
import { makeResult } from '../lib/make-result.ts';
import { metricOf, type BenchResult, type Metric } from '../lib/result.ts';
import type { Contender, RunContext, Scenario } from '../lib/scenario.ts';
import { cpuPerStep, fedParams, populateRoom, sendWindow, startFleet, type Measured , runEachContender } from './fed/fed-run.ts';
import type { IngestSample } from './fed/ingest.ts';
import { medianLatency, pduMetrics } from './fed/ingest-metrics.ts';
import type { FedSizes } from './fed/sizes.ts';
import { PDUS_PER_TXN } from './fed/transactions.ts';
import { SEND_PATH } from './send-ingest.ts';

async function contenderRun(ctx: RunContext, c: Contender, sizes: FedSizes): Promise<{ result: BenchResult; summary: string[]; failure: string | null }> {
  const startedAt = new Date();
  const t0 = performance.now();
  const fleet = await startFleet(ctx, c, sizes.servers);
  try {
    const room = await populateRoom(ctx, c, fleet, sizes.ingestMembers);
    ctx.progress.step(`${c.label}: warm-up, ${sizes.warmupPdus} PDUs at max rate`);
    const warmup = (await sendWindow(ctx, c, fleet, room.roomId, sizes.warmupPdus, null)).value;
    const byRate = new Map<number, Measured<IngestSample>[]>();
    for (const rate of sizes.rates) {
      const pdus = Math.max(sizes.servers * PDUS_PER_TXN, Math.round(rate * ctx.params.durationS));
      const ws: Measured<IngestSample>[] = [];
      for (let r = 1; r <= ctx.params.repeats; r++) {
        await fleet.call('quiesce', { idleMs: 200, maxMs: 5_000 });
        ctx.progress.step(`${c.label}: ${rate} PDUs/s, window ${r}/${ctx.params.repeats} (${pdus} PDUs)`);
        const w = await sendWindow(ctx, c, fleet, room.roomId, pdus, rate);
        ws.push(w);
        ctx.progress.rate(`${c.label} @${rate}/s: p99 ${w.value.latencyMs.p99.toFixed(1)} ms, ${Math.round(w.value.pdusPerS)} PDUs/s`);
      }
      byRate.set(rate, ws);
    }
    const metrics: Record<string, Metric> = {};
    const summary: string[] = [];
    let errors = warmup.errors;
    const errorSamples = [...warmup.errorSamples];
    for (const [rate, ws] of byRate) {
      const m = pduMetrics(ws, `at_${rate}_`);
      // Latency first: it is what this scenario is about (the first rate's p99 is the headline).
      metrics[`txn_p99_latency_at_${rate}`] = m[`at_${rate}_txn_p99_latency`]!;
      metrics[`txn_p50_latency_at_${rate}`] = m[`at_${rate}_txn_p50_latency`]!;
      metrics[`pdus_per_s_at_${rate}`] = m[`at_${rate}_pdus_per_s`]!;
      if (m[`at_${rate}_server_cpu`]) metrics[`server_cpu_at_${rate}`] = m[`at_${rate}_server_cpu`]!;
      metrics[`txn_p999_latency_at_${rate}`] = metricOf(ws.map((w) => w.value.latencyMs.p999), 'ms', 'lower');
      errors += ws.reduce((n, w) => n + w.value.errors, 0);
      errorSamples.push(...ws.flatMap((w) => w.value.errorSamples));
      const lat = medianLatency(ws);
      summary.push(`${c.label} send-fixed-rate @${rate} PDUs/s: achieved ${Math.round(m[`at_${rate}_pdus_per_s`]!.median)} PDUs/s, ` +
        `per transaction p50 ${lat.p50.toFixed(1)} ms, p99 ${lat.p99.toFixed(1)} ms, max ${lat.max.toFixed(1)} ms (${ws.length} windows)`);
    }
    const result = makeResult(ctx.env, {
      scenario: 'send-fixed-rate', kind: 'load', target: c.target, experiment: c.experiment, slots: await c.slots(), startedAt,
      durationMs: performance.now() - t0,
      params: fedParams(ctx, c, sizes, {
        members: room.members, room_setup: room.setup, rates_pdus_per_s: sizes.rates, pdus_per_txn: PDUS_PER_TXN,
        in_flight: `at most one transaction per fake server (${sizes.servers}); transactions scheduled round-robin over the servers`,
        latency: 'per transaction, from its scheduled send time to the last byte of the answer (open loop)',
        window_s: ctx.params.durationS, repeats: ctx.params.repeats, warmup_pdus: warmup.pdus,
        settle_ms: Object.fromEntries([...byRate].map(([rate, ws]) => [rate, ws.map((w) => Math.round(w.value.settleMs))])),
        per_window: Object.fromEntries([...byRate].map(([rate, ws]) => [rate, cpuPerStep(ws)])),
      }),
      metrics, latencyMs: medianLatency(byRate.get(sizes.rates[0]!)!), errors, errorSamples, peakRssBytes: c.peakRss(),
      notes: `latency_ms is at the first rate (${sizes.rates[0]} PDUs/s), median over windows`,
    });
    return { result, summary, failure: errors > 0 ? `send-fixed-rate ${c.label}: ${errors} PDUs not accepted` : null };
  } finally {
    await fleet.stop();
  }
}

export const sendFixedRate: Scenario = {
  name: 'send-fixed-rate',
  kind: 'load',
  description: 'PUT /send at fixed PDU rates (default 500, 1000/s; FL_BENCH_FED_RATES), 50 PDUs/txn; per-transaction latency percentiles',
  needs: [{ kind: 'route', method: 'PUT', path: SEND_PATH }],
  defaultTargets: ['fluctlight'],
  defaults: { quick: false, repeats: 3, durationS: 8, warmupS: 0, connections: 1 },
  quickDefaults: { quick: true, repeats: 1, durationS: 2, warmupS: 0, connections: 1 },
  estimateS: (p, n) => n * ((p.quick ? 3 : 8) + 2 * p.repeats * (p.durationS + 1)),

  run: (ctx) => runEachContender(ctx, (c, sizes) => contenderRun(ctx, c, sizes)),
};
