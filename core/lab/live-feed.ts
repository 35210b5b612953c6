// The lab's live data: once per interval a frame (requests/s, PDUs/s, p50/p99 of that interval, memory, every
// slot's implementation and generation), and each swap as soon as it is seen. Sent to /_lab/live subscribers.
import type { SlotHost, SwapRecord } from '../slots/host.ts';
import { SLOT_NAMES } from '../slots/registry.ts';
import type { LiveFrame, LiveHello, LiveSwap } from './lab-wire.ts';
import type { Metrics } from './metrics.ts';

export interface LiveFeedDeps {
  serverName: string;
  host: SlotHost;
  metrics: Metrics;
  experiment: { name: string };
  /** Sends one JSON message to every subscriber. */
  publish(message: string): void;
  intervalMs?: number;
}

/** Frames kept for late joiners (5 minutes at 1 Hz). */
const HISTORY = 300;

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

export class LiveFeed {
  readonly #d: LiveFeedDeps;
  readonly intervalMs: number;
  readonly #frames: LiveFrame[] = [];
  readonly #swaps: SwapRecord[] = [];
  #timer: NodeJS.Timeout | undefined;
  #lastAt = performance.now();
  #lastRequests: number;
  #lastPdus: number;
  /** The newest host log record already published (the host log is a bounded list of immutable records). */
  #lastSwap: SwapRecord | undefined;

  constructor(d: LiveFeedDeps) {
    this.#d = d;
    this.intervalMs = d.intervalMs ?? 1000;
    this.#lastRequests = d.metrics.requests;
    this.#lastPdus = d.metrics.pdus;
    this.#lastSwap = d.host.log.at(-1);
  }

  start(): void {
    this.#timer ??= setInterval(() => this.tick(), this.intervalMs);
    this.#timer.unref();
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  /** Publishes swaps not yet published (API swaps call this at once; watcher reloads are caught by the next tick). */
  flushSwaps(): void {
    const log = this.#d.host.log;
    // The log only grows at its end (dropping its oldest records): everything after the last one seen is new,
    // and all of it is when that one has been dropped.
    const seen = this.#lastSwap ? log.lastIndexOf(this.#lastSwap) : -1;
    for (const r of log.slice(seen + 1)) {
      this.#swaps.push(r);
      if (this.#swaps.length > 50) this.#swaps.shift();
      this.#d.publish(JSON.stringify({ type: 'swap', ...r } satisfies LiveSwap));
    }
    this.#lastSwap = log.at(-1);
  }

  /** Takes one sample and publishes it (the timer calls this; tests may too). */
  tick(): LiveFrame {
    this.flushSwaps();
    const m = this.#d.metrics;
    const now = performance.now();
    const seconds = Math.max(1e-3, (now - this.#lastAt) / 1000);
    const lat = m.percentilesSince(this.#lastRequests, [50, 99]);
    const mem = process.memoryUsage();
    const slots: Record<string, LiveFrame['slots'][string]> = {};
    for (const s of SLOT_NAMES) {
      const c = this.#d.host.current(s);
      const stats = this.#d.host.active?.[s]?.stats?.();
      slots[s] = { impl: c.impl, generation: c.generation, ...(stats === undefined ? {} : { stats }) };
    }
    const frame: LiveFrame = {
      type: 'tick', t: Date.now(),
      requests_per_s: round((m.requests - this.#lastRequests) / seconds, 1),
      pdus_per_s: round((m.pdus - this.#lastPdus) / seconds, 1),
      p50_ms: lat ? round(lat[0]!, 3) : null,
      p99_ms: lat ? round(lat[1]!, 3) : null,
      rss_bytes: mem.rss, heap_used_bytes: mem.heapUsed, slots, experiment: this.#d.experiment.name,
    };
    this.#lastAt = now;
    this.#lastRequests = m.requests;
    this.#lastPdus = m.pdus;
    this.#frames.push(frame);
    if (this.#frames.length > HISTORY) this.#frames.shift();
    this.#d.publish(JSON.stringify(frame));
    return frame;
  }

  hello(): string {
    const h: LiveHello = { type: 'hello', server_name: this.#d.serverName, interval_ms: this.intervalMs, frames: this.#frames, swaps: this.#swaps };
    return JSON.stringify(h);
  }
}
