// Room sizes, rates and counts of the federation scenarios: full and --quick defaults, each overridable by an
// environment variable (the bench command line has no per-scenario options), e.g.
//   FL_BENCH_FED_RATES=500,1000,2000 npm run bench -- --scenario send-fixed-rate
export interface FedSizes {
  /** Fake homeservers in the generator process. */
  readonly servers: number;
  /** Joined members (the room's creator included) of the send-ingest / send-fixed-rate room. */
  readonly ingestMembers: number;
  /** Offered PDU rates of send-fixed-rate. */
  readonly rates: readonly number[];
  /** PDUs of the warm-up window (send-ingest; it also estimates the rate that sizes the measured windows). */
  readonly warmupPdus: number;
  /** Members of the send-join-10k room (its timed joins are --repeats). */
  readonly bigRoomMembers: number;
  /** join-storm: users joining at once, and joins in flight. */
  readonly stormJoins: number;
  readonly stormConcurrency: number;
  /** Messages in the backfill room, and the page size asked for. */
  readonly backfillEvents: number;
  readonly backfillLimit: number;
  /** Raw verify loop per round, ms. */
  readonly verifyMs: number;
}

const FULL: FedSizes = {
  servers: 4, ingestMembers: 1000, rates: [500, 1000], warmupPdus: 2000, bigRoomMembers: 10_000,
  stormJoins: 500, stormConcurrency: 16, backfillEvents: 10_000, backfillLimit: 100, verifyMs: 1500,
};

const QUICK: FedSizes = {
  servers: 4, ingestMembers: 40, rates: [200], warmupPdus: 400, bigRoomMembers: 200,
  stormJoins: 20, stormConcurrency: 4, backfillEvents: 300, backfillLimit: 100, verifyMs: 600,
};

const ENV: Readonly<Record<keyof FedSizes, string>> = {
  servers: 'FL_BENCH_FED_SERVERS', ingestMembers: 'FL_BENCH_FED_MEMBERS', rates: 'FL_BENCH_FED_RATES',
  warmupPdus: 'FL_BENCH_FED_WARMUP_PDUS', bigRoomMembers: 'FL_BENCH_FED_BIG_ROOM',
  stormJoins: 'FL_BENCH_FED_STORM_JOINS', stormConcurrency: 'FL_BENCH_FED_STORM_CONCURRENCY',
  backfillEvents: 'FL_BENCH_FED_BACKFILL_EVENTS', backfillLimit: 'FL_BENCH_FED_BACKFILL_LIMIT', verifyMs: 'FL_BENCH_FED_VERIFY_MS',
};

function positive(name: string, raw: string): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a whole number ≥ 1, got "${raw}"`);
  return n;
}

/** The sizes for this run: quick or full defaults, then the environment's overrides (checked). */
export function fedSizes(quick: boolean, env: NodeJS.ProcessEnv = process.env): FedSizes {
  const out: Record<string, unknown> = { ...(quick ? QUICK : FULL) };
  for (const [k, name] of Object.entries(ENV)) {
    const raw = env[name];
    if (raw === undefined || raw === '') continue;
    out[k] = k === 'rates' ? raw.split(',').map((x) => positive(name, x.trim())) : positive(name, raw);
  }
  return out as unknown as FedSizes;
}
