// The JSON shapes the lab sends to the dashboard (GET /_lab/results and /_lab/live). Leaf module with no imports,
// so the browser code (lab-ui/) can import these types without pulling in server code.

/** One row of GET /_lab/results. */
export interface ResultSummary {
  readonly id: string;
  readonly scenario: string;
  readonly kind: 'micro' | 'load';
  readonly target: string;
  readonly experiment: string | null;
  readonly git_revision: string;
  readonly git_dirty: boolean;
  readonly started_at: string;
  /** True for files under reference/ (kept in git, e.g. other servers' runs). */
  readonly reference: boolean;
  /** The first metric of the file. */
  readonly headline: { name: string; unit: string; better: 'higher' | 'lower'; median: number; mad: number; min: number; max: number };
}

export interface SkippedFile {
  /** Path relative to the results dir, e.g. `reference/x.json`. */
  readonly file: string;
  readonly error: string;
}

/** GET /_lab/results. */
export interface ResultList {
  readonly results: readonly ResultSummary[];
  readonly skipped: readonly SkippedFile[];
}

/** One sample of the live feed, once per interval. */
export interface LiveFrame {
  readonly type: 'tick';
  /** Wall-clock time of the sample, ms since the epoch. */
  readonly t: number;
  readonly requests_per_s: number;
  readonly pdus_per_s: number;
  /** Latency of the requests finished during this interval; null when there were none. */
  readonly p50_ms: number | null;
  readonly p99_ms: number | null;
  readonly rss_bytes: number;
  readonly heap_used_bytes: number;
  /** `stats`: the implementation's own counters, when it reports some (Plugin.stats). */
  readonly slots: Readonly<Record<string, { impl: string; generation: number; stats?: Readonly<Record<string, number>> }>>;
  readonly experiment: string;
}

/** A swap attempt (the slot host's SwapRecord), sent as it is seen. */
export interface LiveSwap {
  readonly type: 'swap';
  readonly slot: string;
  readonly impl: string;
  readonly generation: number;
  readonly trigger: string;
  /** ISO 8601. */
  readonly at: string;
  readonly ok: boolean;
  readonly error?: string;
  readonly swap_ms: number;
  readonly new_module: boolean;
  readonly heap_delta: number;
  readonly rss_delta: number;
}

/** The first message on a new socket: what the feed has seen so far. */
export interface LiveHello {
  readonly type: 'hello';
  readonly server_name: string;
  readonly interval_ms: number;
  readonly frames: readonly LiveFrame[];
  readonly swaps: readonly Omit<LiveSwap, 'type'>[];
}

export type LiveMessage = LiveHello | LiveFrame | LiveSwap;
