// The load generator interface (wrk or a Node process), what it is asked to do and what it reports.
export interface RequestSpec {
  readonly method: 'GET' | 'POST' | 'PUT';
  /** Path and query, e.g. /_matrix/key/v2/server. */
  readonly path: string;
  readonly body?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface LoadSpec {
  /** e.g. https://127.0.0.1:8448 (TLS accepted without verification). */
  readonly origin: string;
  /** Sent round-robin; one entry = a single-request load. */
  readonly requests: readonly RequestSpec[];
  /** Keep-alive connections. */
  readonly connections: number;
  readonly durationS: number;
  /** Cores to pin the generator to (taskset -c), or null. */
  readonly cpus: string | null;
  /** Open-loop fixed rate in requests/s (latency counted from each request's scheduled time); absent = as fast as possible. */
  readonly rate?: number;
}

export interface LatencyMs {
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
  readonly p999: number;
  readonly max: number;
}

export interface LoadSample {
  readonly requests: number;
  readonly durationS: number;
  readonly rps: number;
  /** Failed requests: status ≥ 400 (wrk: not 2xx/3xx), socket errors, timeouts. */
  readonly errors: number;
  readonly errorSamples: readonly string[];
  readonly latencyMs: LatencyMs;
}

export interface LoadGenerator {
  readonly name: 'wrk' | 'node';
  /** Version or description, recorded in params. */
  readonly version: string;
  /** Why this generator cannot run `spec`, or null. */
  unsupported(spec: LoadSpec): string | null;
  run(spec: LoadSpec): Promise<LoadSample>;
}

export class GeneratorError extends Error {
  override readonly name = 'GeneratorError';
}
