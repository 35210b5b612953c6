// Metric math: metricOf (median, MAD), paired ratios, finite-only metrics, per-window load metrics.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { metricOf } from './result.ts';
import { MAD_TO_SD, spread } from './noise.ts';
import { bottleneckNote, cpuDiagnostics, finiteMetric, pairedRatios, windowErrors, windowMetrics } from '../load/load-metrics.ts';
import type { Window } from '../load/interleave.ts';

describe('metricOf', () => {
  test('odd count: the middle value; MAD is the median of absolute deviations', () => {
    const m = metricOf([5, 1, 4, 2, 3], 'ms', 'lower');
    assert.deepEqual([m.median, m.min, m.max, m.mad], [3, 1, 5, 1]);
    assert.deepEqual(m.samples, [5, 1, 4, 2, 3], 'samples keep their order');
  });

  test('even count: the mean of the two middle values', () => {
    const m = metricOf([10, 40, 20, 30], 'req/s', 'higher');
    assert.equal(m.median, 25);
    assert.equal(m.mad, 10); // deviations 15, 15, 5, 5 → median 10
  });

  test('an outlier moves the MAD little', () => {
    assert.equal(metricOf([100, 101, 99, 100, 1000], 'x', 'higher').mad, 1);
  });

  test('one sample: zero spread; none: an error', () => {
    const m = metricOf([7], 'ns', 'lower');
    assert.deepEqual([m.median, m.min, m.max, m.mad], [7, 7, 7, 0]);
    assert.throws(() => metricOf([], 'ns', 'lower'));
  });

  test('spread is MAD × 1.4826', () => {
    assert.equal(spread(metricOf([1, 2, 3], 'x', 'higher')), MAD_TO_SD);
  });
});

describe('ratios', () => {
  test('paired per round', () => {
    assert.deepEqual(pairedRatios([80, 90, 70], [100, 100, 100]), [0.8, 0.9, 0.7]);
    assert.throws(() => pairedRatios([1], [1, 2]), /rounds/);
  });

  test('finiteMetric drops 0/0 and x/0; null when nothing is left', () => {
    assert.deepEqual(finiteMetric([0.5, NaN, Infinity, 0.7], 'ratio', 'higher')!.samples, [0.5, 0.7]);
    assert.equal(finiteMetric([NaN], 'ratio', 'higher'), null);
  });
});

describe('window metrics', () => {
  const w = (rps: number, p50: number, p99: number, errors = 0, cores: number | null = 0.9): Window => ({
    serverCores: cores, serverCoreBusy: null, generatorCoreBusy: null,
    sample: { requests: rps, durationS: 1, rps, errors, errorSamples: errors ? [`e${errors}`] : [], latencyMs: { p50, p90: p99 / 2, p99, p999: p99 * 2, max: p99 * 3 } },
  });

  test('one sample per window, percentiles as medians over windows, max as the max', () => {
    const { metrics, latency } = windowMetrics([w(100, 1, 10), w(300, 3, 30), w(200, 2, 20)]);
    assert.deepEqual(Object.keys(metrics), ['throughput', 'p50_latency', 'p99_latency', 'server_cpu', 'server_cpu_per_request']);
    assert.deepEqual(metrics.server_cpu_per_request!.samples, [9000, 3000, 4500]); // 0.9 cores / rps, in µs
    assert.deepEqual(metrics.throughput!.samples, [100, 300, 200]);
    assert.equal(metrics.throughput!.median, 200);
    assert.equal(metrics.p99_latency!.unit, 'ms');
    assert.deepEqual(latency, { p50: 2, p90: 10, p99: 20, p999: 40, max: 90 });
  });

  test('server_cpu only when every window knows it; prefix names the metrics', () => {
    const { metrics } = windowMetrics([w(1, 1, 1, 0, null), w(1, 1, 1)], 'quiet_');
    assert.deepEqual(Object.keys(metrics), ['quiet_throughput', 'quiet_p50_latency', 'quiet_p99_latency']);
  });

  test('errors add up over windows, with their samples', () => {
    assert.deepEqual(windowErrors([w(1, 1, 1, 2), w(1, 1, 1), w(1, 1, 1, 3)]), { errors: 5, samples: ['e2', 'e3'] });
  });
});

describe('bottleneck diagnosis', () => {
  const w = (serverCores: number | null, serverCoreBusy: number | null, generatorCoreBusy: number | null): Window => ({
    serverCores, serverCoreBusy, generatorCoreBusy,
    sample: { requests: 1, durationS: 1, rps: 1, errors: 0, errorSamples: [], latencyMs: { p50: 1, p90: 1, p99: 1, p999: 1, max: 1 } },
  });

  test('a server using its whole core was the bottleneck: no note', () => {
    assert.equal(bottleneckNote([w(0.97, 1, 0.5), w(0.95, 1, 0.6)]), null);
    assert.equal(bottleneckNote([w(null, 1, 1)]), null, 'unknown server CPU: nothing to say');
  });

  test('a busy core the server did not use: starved', () => {
    assert.match(bottleneckNote([w(0.2, 0.99, 0.5), w(0.3, 0.95, 0.4)])!, /used 0\.25 cores.*97% busy.*starved/);
  });

  test('a saturated generator core: the generator set the pace', () => {
    const note = bottleneckNote([w(0.4, 0.5, 1), w(0.4, 0.6, 0.98)])!;
    assert.match(note, /generator's core was 99% busy/);
    assert.doesNotMatch(note, /starved/);
  });

  test('idle cores all round: neither machine nor generator core was full', () => {
    assert.match(bottleneckNote([w(0.5, 0.5, 0.5)])!, /idle time on its core/);
  });

  test('per-window diagnostics are rounded, unknowns kept as null', () => {
    assert.deepEqual(cpuDiagnostics([w(0.12345, null, 0.5)]), { server_process_cores: [0.123], server_core_busy: [null], generator_core_busy: [0.5] });
  });
});
