// Load scenario hot-reload: key-get + POST /_matrix/key/v2/query load while every slot's implementation is
// swapped back and forth every ~200 ms. Failed requests must be 0; the latency blip is p99 in swapping
// windows over p99 in quiet windows of the same round (quiet, swapping, quiet, swapping, …).
import { getJson } from '../lib/http.ts';
import { makeResult } from '../lib/make-result.ts';
import { metricOf, type BenchResult } from '../lib/result.ts';
import type { Contender, RunContext, Scenario, ScenarioOutcome } from '../lib/scenario.ts';
import type { RequestSpec } from './generators/generator.ts';
import { measureWindow, type Window } from './interleave.ts';
import { KEY_PATH } from './key-get.ts';
import { bottleneckNote, cpuDiagnostics, finiteMetric, pairedRatios, windowErrors, windowMetrics } from './load-metrics.ts';
import { swapWhile, type SwapStats } from './swapper.ts';

export const SWAP_PERIOD_MS = 200;

interface LabStatus {
  reloads: number;
  memory: { rss: number };
}

/** GET our key, then ask our notary endpoint for our own keys (co-signing uses the json and signer slots). */
export function hotReloadRequests(serverName: string): RequestSpec[] {
  return [
    { method: 'GET', path: KEY_PATH },
    { method: 'POST', path: '/_matrix/key/v2/query', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ server_keys: { [serverName]: {} } }) },
  ];
}

async function contenderRun(ctx: RunContext, c: Contender): Promise<{ result: BenchResult; failures: string[]; summary: string }> {
  const startedAt = new Date();
  const t0 = performance.now();
  const admin = c.adminOrigin!;
  const load = { requests: hotReloadRequests(new URL(c.origin).host) };
  const slots = await c.slots();
  const before = await getJson<LabStatus>(`${admin}/_lab/status`);
  const { repeats, durationS, warmupS } = ctx.params;
  if (warmupS > 0) {
    ctx.progress.step(`warm-up ${c.label} (${warmupS} s)`);
    await measureWindow(ctx, c, load, warmupS);
  }
  const quiet: Window[] = [];
  const swapping: Window[] = [];
  const swaps: SwapStats[] = [];
  for (let r = 1; r <= repeats; r++) {
    ctx.progress.step(`round ${r}/${repeats}: ${c.label} quiet (${durationS} s)`);
    quiet.push(await measureWindow(ctx, c, load, durationS));
    ctx.progress.step(`round ${r}/${repeats}: ${c.label} swapping every ${SWAP_PERIOD_MS} ms (${durationS} s)`);
    let running = true;
    const window = measureWindow(ctx, c, load, durationS).finally(() => (running = false));
    const [w, s] = await Promise.all([window, swapWhile(admin, () => running, SWAP_PERIOD_MS)]);
    swapping.push(w);
    swaps.push(s);
    ctx.progress.rate(`${c.label}: ${s.swaps} swaps, ${w.sample.errors} failed requests, p99 ${w.sample.latencyMs.p99.toFixed(2)} ms`);
  }
  const after = await getJson<LabStatus>(`${admin}/_lab/status`);
  const failedPerWindow = swapping.map((w) => w.sample.errors);
  const blip = finiteMetric(pairedRatios(swapping.map((w) => w.sample.latencyMs.p99), quiet.map((w) => w.sample.latencyMs.p99)), 'ratio', 'lower');
  const sw = windowMetrics(swapping, 'swapping_');
  const qu = windowMetrics(quiet, 'quiet_');
  // Per window: the median and the slowest swap as the server timed them (not every swap: files stay small).
  const timed = swaps.filter((s) => s.swapMs.length > 0);
  const metrics = {
    failed_requests: metricOf(failedPerWindow, 'requests', 'lower'),
    ...(blip ? { p99_blip: blip } : {}),
    ...sw.metrics,
    ...qu.metrics,
    failed_swaps: metricOf(swaps.map((s) => s.failed), 'swaps', 'lower'),
    swaps_per_window: metricOf(swaps.map((s) => s.swaps), 'swaps', 'higher'),
    ...(timed.length > 0 ? {
      swap_ms: metricOf(timed.map((s) => metricOf(s.swapMs, 'ms', 'lower').median), 'ms', 'lower'),
      slowest_swap_ms: metricOf(timed.map((s) => Math.max(...s.swapMs)), 'ms', 'lower'),
    } : {}),
  };
  const reqErr = windowErrors([...quiet, ...swapping]);
  const failedSwaps = swaps.reduce((n, s) => n + s.failed, 0);
  const failures: string[] = [];
  if (reqErr.errors > 0) failures.push(`hot-reload ${c.label}: ${reqErr.errors} failed requests (must be 0)`);
  if (failedSwaps > 0) failures.push(`hot-reload ${c.label}: ${failedSwaps} swaps failed`);
  const result = makeResult(ctx.env, {
    scenario: 'hot-reload', kind: 'load', target: c.target, experiment: c.experiment, slots, startedAt,
    durationMs: performance.now() - t0,
    params: {
      run: ctx.run, quick: ctx.params.quick, requests: load.requests.map((r) => `${r.method} ${r.path}`), tls: true, keep_alive: true,
      swap_period_ms: SWAP_PERIOD_MS, windows: 'quiet then swapping, per round', generator: ctx.generator.name,
      generator_version: ctx.generator.version, connections: ctx.params.connections, duration_s: durationS, warmup_s: warmupS,
      repeats, pinning: ctx.pinning, server_cpus: c.cpus,
      per_window: { quiet: cpuDiagnostics(quiet), swapping: cpuDiagnostics(swapping) },
      // The server's own view (GET /_lab/status): swaps done and resident memory before and after the run.
      lab_before: { reloads: before.reloads, rss_bytes: before.memory.rss },
      lab_after: { reloads: after.reloads, rss_bytes: after.memory.rss },
    },
    metrics, latencyMs: sw.latency, errors: reqErr.errors + failedSwaps,
    errorSamples: [...reqErr.samples, ...swaps.flatMap((s) => s.errorSamples)], peakRssBytes: c.peakRss(),
    notes: ['latency_ms is of the swapping windows; quiet_* metrics are the same load without swaps', bottleneckNote(quiet)].filter(Boolean).join('. '),
  });
  const summary = `${c.label} hot-reload: ${swaps.reduce((n, s) => n + s.swaps, 0)} swaps, ${reqErr.errors} failed requests, ` +
    `${failedSwaps} failed swaps; p99 swapping ${sw.metrics.swapping_p99_latency!.median.toFixed(2)} ms vs quiet ` +
    `${qu.metrics.quiet_p99_latency!.median.toFixed(2)} ms ` +
    (blip ? `(blip ×${blip.median.toFixed(2)}, range ${blip.min.toFixed(2)}–${blip.max.toFixed(2)})` : '(no blip: a window completed no request)');
  return { result, failures, summary };
}

export const hotReload: Scenario = {
  name: 'hot-reload',
  kind: 'load',
  description: `key-get + POST /_matrix/key/v2/query while every slot is swapped every ${SWAP_PERIOD_MS} ms; failed requests must be 0; p99 blip`,
  needs: [{ kind: 'lab-api' }],
  defaultTargets: ['fluctlight'],
  defaults: { quick: false, repeats: 3, durationS: 10, warmupS: 3, connections: 64 },
  quickDefaults: { quick: true, repeats: 1, durationS: 3, warmupS: 1, connections: 32 },
  estimateS: (p, n) => n * (4 + p.warmupS + p.repeats * 2 * (p.durationS + 0.3)),

  async run(ctx): Promise<ScenarioOutcome> {
    const results: BenchResult[] = [];
    const failures: string[] = [];
    const summary: string[] = [];
    for (const c of ctx.contenders) {
      const o = await contenderRun(ctx, c);
      results.push(o.result);
      failures.push(...o.failures);
      summary.push(o.summary);
    }
    return { results, failures, summary };
  },
};
