// Parses wrk's output: the `--latency` text report, and the JSON line our Lua `done()` hook prints.
import type { LoadSample } from './generator.ts';

export interface WrkText {
  readonly requests: number;
  readonly durationS: number;
  readonly rps: number;
  /** Latency distribution lines (50/75/90/99 %) in ms; absent without --latency. */
  readonly percentilesMs: Readonly<Record<string, number>>;
  readonly meanMs: number | null;
  readonly maxMs: number | null;
  readonly socketErrors: { connect: number; read: number; write: number; timeout: number };
  readonly non2xx: number;
}

/** What our done() hook prints after `FLBENCH ` (times in µs). */
export interface WrkDone {
  readonly requests: number;
  readonly duration_us: number;
  readonly connect: number;
  readonly read: number;
  readonly write: number;
  readonly status: number;
  readonly timeout: number;
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
  readonly p999: number;
  readonly max: number;
}

export class WrkParseError extends Error {
  override readonly name = 'WrkParseError';
}

const TIME_UNITS_MS: Readonly<Record<string, number>> = { us: 1e-3, ms: 1, s: 1e3, m: 60e3, h: 3600e3 };

/** "88.00us", "3.64ms", "1.20s", "2.00m" → ms. */
export function wrkTimeMs(s: string): number {
  const m = /^([\d.]+)(us|ms|s|m|h)$/.exec(s.trim());
  if (!m) throw new WrkParseError(`not a wrk time: "${s}"`);
  // Divide for µs rather than multiply by 1e-3, so 143us is exactly the double nearest 0.143.
  return m[2] === 'us' ? Number(m[1]) / 1000 : Number(m[1]) * TIME_UNITS_MS[m[2]!]!;
}

export function parseWrkText(out: string): WrkText {
  const total = /(\d+) requests in ([\d.]+)(us|ms|s|m|h),/.exec(out);
  const rps = /Requests\/sec:\s+([\d.]+)/.exec(out);
  if (!total || !rps) throw new WrkParseError(`no "N requests in T" / "Requests/sec" in wrk output:\n${out.slice(0, 500)}`);
  const percentilesMs: Record<string, number> = {};
  const dist = out.indexOf('Latency Distribution');
  if (dist >= 0) {
    for (const m of out.slice(dist).matchAll(/^\s+([\d.]+)%\s+([\d.]+(?:us|ms|s|m|h))\s*$/gm)) percentilesMs[m[1]!] = wrkTimeMs(m[2]!);
  }
  const lat = /^\s+Latency\s+([\d.]+(?:us|ms|s|m|h))\s+\S+\s+([\d.]+(?:us|ms|s|m|h))/m.exec(out);
  const sock = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
  const non2xx = /Non-2xx or 3xx responses: (\d+)/.exec(out);
  return {
    requests: Number(total[1]),
    durationS: wrkTimeMs(`${total[2]}${total[3]}`) / 1000,
    rps: Number(rps[1]),
    percentilesMs,
    meanMs: lat ? wrkTimeMs(lat[1]!) : null,
    maxMs: lat ? wrkTimeMs(lat[2]!) : null,
    socketErrors: sock
      ? { connect: Number(sock[1]), read: Number(sock[2]), write: Number(sock[3]), timeout: Number(sock[4]) }
      : { connect: 0, read: 0, write: 0, timeout: 0 },
    non2xx: non2xx ? Number(non2xx[1]) : 0,
  };
}

export function parseWrkDone(out: string): WrkDone | null {
  const m = /^FLBENCH (\{.*\})\s*$/m.exec(out);
  if (!m) return null;
  const d = JSON.parse(m[1]!) as Record<string, unknown>;
  for (const k of ['requests', 'duration_us', 'connect', 'read', 'write', 'status', 'timeout', 'p50', 'p90', 'p99', 'p999', 'max']) {
    if (typeof d[k] !== 'number') throw new WrkParseError(`FLBENCH line lacks numeric "${k}"`);
  }
  return d as unknown as WrkDone;
}

/**
 * One LoadSample from wrk's output. The done() line is preferred (exact p99.9 from wrk's histogram); without
 * it the text report is used, and p99.9 is then wrk's max (an upper bound: the text has no p99.9).
 */
export function wrkSample(out: string): LoadSample {
  const text = parseWrkText(out);
  const done = parseWrkDone(out);
  const s = text.socketErrors;
  const errorSamples: string[] = [];
  if (text.non2xx > 0) errorSamples.push(`wrk: ${text.non2xx} responses not 2xx/3xx`);
  if (s.connect + s.read + s.write + s.timeout > 0) {
    errorSamples.push(`wrk: socket errors connect ${s.connect}, read ${s.read}, write ${s.write}, timeout ${s.timeout}`);
  }
  if (done) {
    const durationS = done.duration_us / 1e6;
    return {
      requests: done.requests,
      durationS,
      rps: durationS > 0 ? done.requests / durationS : 0,
      errors: done.connect + done.read + done.write + done.status + done.timeout,
      errorSamples,
      latencyMs: { p50: done.p50 / 1e3, p90: done.p90 / 1e3, p99: done.p99 / 1e3, p999: done.p999 / 1e3, max: done.max / 1e3 },
    };
  }
  const p = text.percentilesMs;
  if (p['50'] === undefined || p['90'] === undefined || p['99'] === undefined) {
    throw new WrkParseError('wrk output has no latency distribution (run it with --latency)');
  }
  const max = text.maxMs ?? p['99'];
  return {
    requests: text.requests,
    durationS: text.durationS,
    rps: text.rps,
    errors: text.non2xx + s.connect + s.read + s.write + s.timeout,
    errorSamples,
    latencyMs: { p50: p['50'], p90: p['90'], p99: p['99'], p999: max, max },
  };
}
