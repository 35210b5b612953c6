// The Node load generator, run as its own process (so it never shares an event loop with the runner):
//   node --import tsx bench/load/generators/node-load.ts '<LoadSpec as JSON>'
// Prints one LoadSample as JSON on stdout. undici Pool over keep-alive TLS, latencies in an HDR histogram (µs).
// Closed loop (each connection sends its next request when the previous answer is read), or open loop at a
// fixed rate with latency counted from the scheduled send time (no coordinated omission).
import hdr from 'hdr-histogram-js';
import { Pool } from 'undici';
import type { LatencyMs, LoadSample, LoadSpec, RequestSpec } from './generator.ts';

const MAX_ERROR_SAMPLES = 10;

async function main(spec: LoadSpec): Promise<LoadSample> {
  const pool = new Pool(spec.origin, {
    connections: spec.connections, pipelining: 1, keepAliveTimeout: 60_000,
    connect: { rejectUnauthorized: false },
  });
  const histogram = hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 120_000_000, numberOfSignificantValueDigits: 3 });
  let done = 0;
  let errors = 0;
  const errorSamples: string[] = [];
  const fail = (msg: string) => {
    errors++;
    if (errorSamples.length < MAX_ERROR_SAMPLES && !errorSamples.includes(msg)) errorSamples.push(msg);
  };
  let next = 0;
  const send = async (r: RequestSpec, t0: number): Promise<void> => {
    try {
      const res = await pool.request({
        method: r.method, path: r.path, ...(r.body === undefined ? {} : { body: r.body }),
        ...(r.headers ? { headers: r.headers } : {}), headersTimeout: 10_000, bodyTimeout: 10_000,
      });
      await res.body.dump({ limit: Infinity });
      if (res.statusCode >= 400) fail(`${r.method} ${r.path}: status ${res.statusCode}`);
    } catch (e) {
      fail(`${r.method} ${r.path}: ${(e as Error).message}`);
    }
    histogram.recordValue(Math.max(1, Math.round((performance.now() - t0) * 1000)));
    done++;
  };
  const pick = () => spec.requests[next++ % spec.requests.length]!;

  const start = performance.now();
  const end = start + spec.durationS * 1000;
  if (spec.rate === undefined) {
    const worker = async () => {
      while (performance.now() < end) await send(pick(), performance.now());
    };
    await Promise.all(Array.from({ length: spec.connections }, worker));
  } else {
    const interval = 1000 / spec.rate;
    const inFlight = new Set<Promise<void>>();
    for (let i = 0; ; i++) {
      const due = start + i * interval;
      if (due >= end) break;
      const wait = due - performance.now();
      if (wait > 1) await new Promise((r) => setTimeout(r, wait));
      const p = send(pick(), due).finally(() => inFlight.delete(p));
      inFlight.add(p);
    }
    await Promise.all(inFlight);
  }
  const durationS = (performance.now() - start) / 1000;
  await pool.close();
  const at = (p: number) => histogram.getValueAtPercentile(p) / 1000;
  const latencyMs: LatencyMs = { p50: at(50), p90: at(90), p99: at(99), p999: at(99.9), max: histogram.maxValue / 1000 };
  return { requests: done, durationS, rps: done / durationS, errors, errorSamples, latencyMs };
}

const spec = JSON.parse(process.argv[2] ?? 'null') as LoadSpec | null;
if (!spec || !Array.isArray(spec.requests) || spec.requests.length === 0) {
  process.stderr.write('usage: node --import tsx node-load.ts \'<LoadSpec JSON>\'\n');
  process.exit(2);
}
process.stdout.write(JSON.stringify(await main(spec)) + '\n');
