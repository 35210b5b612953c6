// `/.well-known/matrix/server` delegation: response parsing and its cache (server-server-api §Resolving server names, step 3).
import { parseServerName } from './server-name.ts';

/** What the HTTP fetch of `https://<hostname>/.well-known/matrix/server` returned (after redirects). */
export interface WellKnownResponse {
  status: number;
  cacheControl: string | undefined;
  body: Uint8Array;
}

/** Fetches the well-known document of a hostname; throws on network/TLS errors. Injectable for tests. */
export type WellKnownFetcher = (hostname: string) => Promise<WellKnownResponse>;

const HOUR_MS = 3_600_000;

export const WELL_KNOWN_CACHE = {
  /** Spec: "The recommended sensible default is 24 hours." */
  defaultMs: 24 * HOUR_MS,
  /** Spec: "48 hours is recommended" as the maximum. */
  maxMs: 48 * HOUR_MS,
  /**
   * Our floor for valid answers (Synapse uses the same idea): a `max-age=0`/`no-store` answer would
   * otherwise cost a fetch per request. Trades strict Cache-Control obedience for bounded load.
   */
  minMs: 5 * 60_000,
  /** Spec: errors "cached for up to an hour", with exponential back-off for repeated failures. */
  errorFirstMs: 5 * 60_000,
  errorMaxMs: HOUR_MS,
} as const;

/** The delegated server name, or null if the answer is invalid (non-200, bad JSON, bad `m.server`). */
export function parseWellKnown(res: WellKnownResponse): string | null {
  if (res.status !== 200) return null;
  let doc: unknown;
  try {
    doc = JSON.parse(Buffer.from(res.body).toString('utf8'));
  } catch {
    return null;
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return null;
  const server = (doc as Record<string, unknown>)['m.server'];
  if (typeof server !== 'string' || parseServerName(server) === null) return null;
  return server;
}

/** Cache lifetime of a valid answer from its Cache-Control header: max-age, else 24 h; clamped to [min, 48 h]. */
export function wellKnownCacheMs(cacheControl: string | undefined): number {
  let ms: number = WELL_KNOWN_CACHE.defaultMs;
  if (cacheControl) {
    const directives = cacheControl.toLowerCase().split(',').map((d) => d.trim());
    const maxAge = directives.find((d) => d.startsWith('max-age='));
    if (directives.includes('no-store') || directives.includes('no-cache')) ms = 0;
    else if (maxAge) {
      const seconds = Number(maxAge.slice('max-age='.length).replace(/"/g, ''));
      if (Number.isFinite(seconds) && seconds >= 0) ms = seconds * 1000;
    }
  }
  return Math.min(Math.max(ms, WELL_KNOWN_CACHE.minMs), WELL_KNOWN_CACHE.maxMs);
}

/** Error lifetime after `failures` consecutive failures: doubling from 5 min, capped at 1 h. */
export function wellKnownErrorCacheMs(failures: number): number {
  const ms = WELL_KNOWN_CACHE.errorFirstMs * 2 ** Math.max(0, failures - 1);
  return Math.min(ms, WELL_KNOWN_CACHE.errorMaxMs);
}

interface Entry {
  delegated: string | null;
  expiresAt: number;
  failures: number;
}

/** Per-hostname cache of well-known answers with concurrent lookups coalesced. */
export class WellKnownCache {
  #fetch: WellKnownFetcher;
  #now: () => number;
  #entries = new Map<string, Entry>();
  #inflight = new Map<string, Promise<Entry>>();

  constructor(fetch: WellKnownFetcher, now: () => number = Date.now) {
    this.#fetch = fetch;
    this.#now = now;
  }

  /** The delegated server name for `hostname`, or null (no/invalid delegation: go on to SRV). */
  async lookup(hostname: string): Promise<{ delegated: string | null; expiresAt: number }> {
    const cached = this.#entries.get(hostname);
    if (cached && cached.expiresAt > this.#now()) return cached;
    let pending = this.#inflight.get(hostname);
    if (!pending) {
      pending = this.#refresh(hostname, cached?.failures ?? 0).finally(() => this.#inflight.delete(hostname));
      this.#inflight.set(hostname, pending);
    }
    return pending;
  }

  forget(hostname: string): void {
    this.#entries.delete(hostname);
  }

  async #refresh(hostname: string, previousFailures: number): Promise<Entry> {
    let delegated: string | null = null;
    let ttl: number;
    let failures = 0;
    try {
      const res = await this.#fetch(hostname);
      delegated = parseWellKnown(res);
      if (delegated !== null) ttl = wellKnownCacheMs(res.cacheControl);
      // A definite answer without delegation (404, bad JSON) is the common case: cache the longest error time.
      else if (res.status < 500) ttl = WELL_KNOWN_CACHE.errorMaxMs;
      else ttl = wellKnownErrorCacheMs((failures = previousFailures + 1));
    } catch {
      // Network/TLS failure: back off exponentially over repeated failures.
      ttl = wellKnownErrorCacheMs((failures = previousFailures + 1));
    }
    const entry: Entry = { delegated, failures, expiresAt: this.#now() + ttl };
    this.#entries.set(hostname, entry);
    return entry;
  }
}
