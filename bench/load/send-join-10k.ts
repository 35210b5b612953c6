// Load scenario send-join-10k: how long PUT /_matrix/federation/v2/send_join takes to answer (to its last byte)
// for a room of 10,000 members — the answer carries the whole state and its auth chain. The room is filled
// first (one send_join per fake server, then join events over /send); then --repeats new users join one after
// another, each timed. The goal: < 300 ms. Then as many joins ask for the partial answer
// (?omit_members=true: no member events but the heroes'), timed the same way.
import { spread } from '../lib/noise.ts';
import { makeResult } from '../lib/make-result.ts';
import { metricOf, type BenchResult, type Metric } from '../lib/result.ts';
import type { Contender, RunContext, Scenario } from '../lib/scenario.ts';
import { cpuPerStep, fedParams, populateRoom, startFleet, withServerCpu, type Measured , runEachContender } from './fed/fed-run.ts';
import type { FedSizes } from './fed/sizes.ts';

export const SEND_JOIN_GOAL_MS = 300;

async function contenderRun(ctx: RunContext, c: Contender, sizes: FedSizes): Promise<{ result: BenchResult; summary: string; failures: string[] }> {
  const startedAt = new Date();
  const t0 = performance.now();
  const fleet = await startFleet(ctx, c, sizes.servers);
  try {
    const room = await populateRoom(ctx, c, fleet, sizes.bigRoomMembers);
    ctx.progress.step(`${c.label}: warm-up join`);
    await fleet.call('timed-joins', { roomId: room.roomId, count: 1 });
    const send: number[] = [];
    const make: number[] = [];
    const bytes: number[] = [];
    const cpu: number[] = [];
    const steps: Measured<unknown>[] = [];
    const failures: string[] = [];
    for (let i = 1; i <= ctx.params.repeats; i++) {
      ctx.progress.step(`${c.label}: timed send_join ${i}/${ctx.params.repeats} (${room.members + i} members)`);
      const m = await withServerCpu(ctx, c, () => fleet.call('timed-joins', { roomId: room.roomId, count: 1 }), fleet.pid);
      steps.push(m);
      const t = m.value;
      send.push(t.sendJoinMs[0]!);
      make.push(t.makeJoinMs[0]!);
      bytes.push(t.responseBytes[0]!);
      if (m.serverCpuS !== null) cpu.push(m.serverCpuS * 1000);
      // The answer's state (before the join) must list every member the room had: the warm-up join and the
      // earlier timed joins included.
      const expected = room.members + i;
      if (t.stateMembers[0]! < expected) failures.push(`send-join-10k ${c.label}: answer ${i} lists ${t.stateMembers[0]} joined members, expected ${expected}`);
      ctx.progress.rate(`${c.label} send_join ${t.sendJoinMs[0]!.toFixed(1)} ms, ${(t.responseBytes[0]! / 1048576).toFixed(1)} MiB`);
    }
    const partialMs: number[] = [];
    const partialBytes: number[] = [];
    for (let i = 1; i <= ctx.params.repeats; i++) {
      ctx.progress.step(`${c.label}: timed send_join with omit_members ${i}/${ctx.params.repeats}`);
      const t = await fleet.call('timed-joins', { roomId: room.roomId, count: 1, omitMembers: true });
      partialMs.push(t.sendJoinMs[0]!);
      partialBytes.push(t.responseBytes[0]!);
      // Fluctlight always omits when asked (other servers may not).
      if (c.target === 'fluctlight' && !t.membersOmitted[0]) failures.push(`send-join-10k ${c.label}: omit_members=true answered without members_omitted`);
    }
    const metrics: Record<string, Metric> = {
      send_join_ms: metricOf(send, 'ms', 'lower'),
      make_join_ms: metricOf(make, 'ms', 'lower'),
      response_bytes: metricOf(bytes, 'bytes', 'lower'),
      partial_send_join_ms: metricOf(partialMs, 'ms', 'lower'),
      partial_response_bytes: metricOf(partialBytes, 'bytes', 'lower'),
      ...(cpu.length === send.length ? { server_cpu_per_join_ms: metricOf(cpu, 'ms', 'lower') } : {}),
      room_setup_s: metricOf([Number(room.setup.total_ms) / 1000], 's', 'lower'),
    };
    const sj = metrics.send_join_ms!;
    const summary = `${c.label} send-join-10k (${room.members} members): send_join median ${sj.median.toFixed(1)} ms ` +
      `(±${spread(sj).toFixed(1)}, min ${sj.min.toFixed(1)}, max ${sj.max.toFixed(1)}, n=${sj.samples.length}), ` +
      `answer ${(metrics.response_bytes!.median / 1048576).toFixed(1)} MiB; room built in ${(Number(room.setup.total_ms) / 1000).toFixed(1)} s` +
      ` — goal < ${SEND_JOIN_GOAL_MS} ms: ${sj.median < SEND_JOIN_GOAL_MS ? 'met' : 'NOT met'}; with omit_members ` +
      `${metrics.partial_send_join_ms!.median.toFixed(1)} ms, ${(metrics.partial_response_bytes!.median / 1024).toFixed(0)} KiB`;
    const result = makeResult(ctx.env, {
      scenario: 'send-join-10k', kind: 'load', target: c.target, experiment: c.experiment, slots: await c.slots(), startedAt,
      durationMs: performance.now() - t0,
      params: fedParams(ctx, c, sizes, {
        members: room.members, room_setup: room.setup, timed_joins: ctx.params.repeats, warmup_joins: 1,
        timing: 'send_join only: signed request sent → last byte of the answer read (make_join and signing untimed)',
        partial_joins: `${ctx.params.repeats} more with ?omit_members=true, after the full ones`,
        server_cpu: 'per join: make_join + send_join + the join queued to the room\'s servers',
        per_join: cpuPerStep(steps),
      }),
      metrics, errors: failures.length, errorSamples: failures, peakRssBytes: c.peakRss(),
    });
    return { result, summary, failures };
  } finally {
    await fleet.stop();
  }
}

export const sendJoin10k: Scenario = {
  name: 'send-join-10k',
  kind: 'load',
  description: `send_join v2 into a 10,000-member room (filled over federation first): answer time and size (goal < ${SEND_JOIN_GOAL_MS} ms)`,
  needs: [{ kind: 'route', method: 'PUT', path: '/_matrix/federation/v2/send_join/:roomId/:eventId' }],
  defaultTargets: ['fluctlight'],
  defaults: { quick: false, repeats: 10, durationS: 0, warmupS: 0, connections: 1 },
  quickDefaults: { quick: true, repeats: 3, durationS: 0, warmupS: 0, connections: 1 },
  estimateS: (p, n) => n * (p.quick ? 3 : 12 + p.repeats * 0.5),

  run: (ctx) => runEachContender(ctx, (c, sizes) => contenderRun(ctx, c, sizes)),
};
