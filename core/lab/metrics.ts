// Live counters for the lab: requests (totals, by status class, a window of recent latencies) and PDUs received.
// Leaf module. Cheap enough to run on every request (a few integer adds and one typed-array store).

const WINDOW = 4096;

export class Metrics {
  requests = 0;
  ok = 0;
  clientErrors = 0;
  serverErrors = 0;
  aborted = 0;
  /** PDUs received (the federation /send endpoint adds each transaction's count). */
  pdus = 0;
  /** Recent request durations in milliseconds, as a ring buffer. */
  readonly #latencies = new Float64Array(WINDOW);
  #next = 0;
  #filled = 0;
  readonly started = performance.now();

  record(status: number, durationMs: number): void {
    this.requests++;
    if (status < 400) this.ok++;
    else if (status === 499) this.aborted++;
    else if (status < 500) this.clientErrors++;
    else this.serverErrors++;
    this.#latencies[this.#next] = durationMs;
    this.#next = (this.#next + 1) % WINDOW;
    if (this.#filled < WINDOW) this.#filled++;
  }

  addPdus(n: number): void {
    this.pdus += n;
  }

  /** Latency percentiles (ms) over the recent window. */
  percentiles(ps: readonly number[]): number[] {
    if (this.#filled === 0) return ps.map(() => 0);
    const sorted = this.#latencies.slice(0, this.#filled).sort();
    return ps.map((p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!);
  }

  /**
   * Latency percentiles (ms) of the requests recorded since the request count was `since` (only the most recent
   * WINDOW of them if there were more); null when there were none. The live view's per-second p50/p99.
   */
  percentilesSince(since: number, ps: readonly number[]): number[] | null {
    const n = Math.min(this.requests - since, this.#filled);
    if (n <= 0) return null;
    const recent = new Float64Array(n);
    for (let i = 0; i < n; i++) recent[i] = this.#latencies[(this.#next - n + i + WINDOW) % WINDOW]!;
    recent.sort();
    return ps.map((p) => recent[Math.min(n - 1, Math.floor((p / 100) * n))]!);
  }

  snapshot(): { requests: number; ok: number; client_errors: number; server_errors: number; aborted: number; pdus: number; p50_ms: number; p99_ms: number } {
    const [p50, p99] = this.percentiles([50, 99]);
    return {
      requests: this.requests, ok: this.ok, client_errors: this.clientErrors, server_errors: this.serverErrors,
      aborted: this.aborted, pdus: this.pdus, p50_ms: p50!, p99_ms: p99!,
    };
  }
}
