// Load scenario join-storm: many users (500) of the fake servers join one room at once (make_join + send_join
// each, 16 in flight). Templates handed out together share prev_events, so the joins fork the room's DAG and the
// target resolves state as they land. Each repeat uses a fresh room (its fake servers joined first, so key
// fetching is not timed). Reports joins/s and per-join latency.
import { makeResult } from '../lib/make-result.ts';
import { metricOf, type BenchResult, type Metric } from '../lib/result.ts';
import type { Contender, RunContext, Scenario } from '../lib/scenario.ts';
import { cpuPerStep, fedBottleneckNote, fedParams, startFleet, withServerCpu, type Measured , runEachContender } from './fed/fed-run.ts';
import { medianLatency } from './fed/ingest-metrics.ts';
import type { StormResult } from './fed/join-load.ts';
import type { FedSizes } from './fed/sizes.ts';
import { createTargetRoom } from './fed/target-room.ts';

async function contenderRun(ctx: RunContext, c: Contender, sizes: FedSizes): Promise<{ result: BenchResult; summary: string; failure: string | null }> {
  const startedAt = new Date();
  const t0 = performance.now();
  const perServer = Math.ceil(sizes.stormConcurrency / sizes.servers);
  const fleet = await startFleet(ctx, c, sizes.servers, perServer);
  try {
    const storms: Measured<StormResult>[] = [];
    for (let r = 1; r <= ctx.params.repeats; r++) {
      ctx.progress.step(`${c.label}: storm ${r}/${ctx.params.repeats}: new room, fake servers join`);
      const roomId = await createTargetRoom(c);
      await fleet.call('join-servers', { roomId });
      ctx.progress.step(`${c.label}: storm ${r}/${ctx.params.repeats}: ${sizes.stormJoins} joins, ${sizes.stormConcurrency} in flight`);
      const m = await withServerCpu(ctx, c, () => fleet.call('join-storm', { roomId, count: sizes.stormJoins, concurrency: sizes.stormConcurrency }), fleet.pid);
      storms.push(m);
      ctx.progress.rate(`${c.label} ${m.value.joinsPerS.toFixed(1)} joins/s, p99 ${m.value.joinMs.p99.toFixed(0)} ms` + (m.value.errors ? `, ${m.value.errors} failed` : ''));
    }
    const v = (f: (s: StormResult) => number) => storms.map((s) => f(s.value));
    const metrics: Record<string, Metric> = {
      joins_per_s: metricOf(v((s) => s.joinsPerS), 'joins/s', 'higher'),
      join_p50_latency: metricOf(v((s) => s.joinMs.p50), 'ms', 'lower'),
      join_p99_latency: metricOf(v((s) => s.joinMs.p99), 'ms', 'lower'),
      send_join_p50_latency: metricOf(v((s) => s.sendJoinMs.p50), 'ms', 'lower'),
      send_join_p99_latency: metricOf(v((s) => s.sendJoinMs.p99), 'ms', 'lower'),
      make_join_p50_latency: metricOf(v((s) => s.makeJoinMs.p50), 'ms', 'lower'),
    };
    if (storms.every((s) => s.serverCpuS !== null && s.value.joined > 0)) {
      metrics.server_cpu_per_join_ms = metricOf(storms.map((s) => (s.serverCpuS! * 1000) / s.value.joined), 'ms', 'lower');
    }
    const note = fedBottleneckNote(storms);
    const errors = storms.reduce((n, s) => n + s.value.errors, 0);
    const lat = medianLatency(storms.map((s) => ({ value: { latencyMs: s.value.joinMs } })));
    const summary = `${c.label} join-storm: ${metrics.joins_per_s!.median.toFixed(1)} joins/s (min ${metrics.joins_per_s!.min.toFixed(1)}, max ` +
      `${metrics.joins_per_s!.max.toFixed(1)}), join p50 ${lat.p50.toFixed(0)} ms, p99 ${lat.p99.toFixed(0)} ms, ${errors} failed`;
    const result = makeResult(ctx.env, {
      scenario: 'join-storm', kind: 'load', target: c.target, experiment: c.experiment, slots: await c.slots(), startedAt,
      durationMs: performance.now() - t0,
      params: fedParams(ctx, c, sizes, {
        joins: sizes.stormJoins, concurrency: sizes.stormConcurrency, connections_per_fake_server: perServer, repeats: ctx.params.repeats,
        room: 'fresh public room per repeat; one user per fake server joined first (keys fetched), then the storm',
        latency: 'per join: make_join + fill/sign + send_join to its last byte',
        per_storm: cpuPerStep(storms),
      }),
      metrics, latencyMs: lat, errors, errorSamples: storms.flatMap((s) => s.value.errorSamples), peakRssBytes: c.peakRss(),
      ...(note ? { notes: note } : {}),
    });
    return { result, summary, failure: errors > 0 ? `join-storm ${c.label}: ${errors} joins failed` : null };
  } finally {
    await fleet.stop();
  }
}

export const joinStorm: Scenario = {
  name: 'join-storm',
  kind: 'load',
  description: 'many remote users joining one room at once (make_join + send_join, 16 in flight): joins/s and latency',
  needs: [{ kind: 'route', method: 'GET', path: '/_matrix/federation/v1/make_join/:roomId/:userId' }],
  defaultTargets: ['fluctlight'],
  defaults: { quick: false, repeats: 5, durationS: 0, warmupS: 0, connections: 1 },
  quickDefaults: { quick: true, repeats: 1, durationS: 0, warmupS: 0, connections: 1 },
  estimateS: (p, n) => n * (2 + p.repeats * (p.quick ? 1 : 5)),

  run: (ctx) => runEachContender(ctx, (c, sizes) => contenderRun(ctx, c, sizes)),
};
