// Other servers' signing keys: fetched from their key server, verified, cached by validity, and served again
// as a notary (spec: "Retrieving server keys", "Querying Keys Through Another Server").
import { MatrixError, Errcode } from '../matrix/errors.ts';
import type { JsonObject } from '../matrix/signing.ts';
import { bytesEqual } from '../matrix/sha256.ts';
import type { ActiveSlots } from '../slots/registry.ts';
import { parseKeyResponse, type ParsedKeyResponse } from './key-response.ts';
import type { ServerKeys } from './server-keys.ts';

/** Fetches `GET /_matrix/key/v2/server` from a server (unauthenticated); rejects on any failure. */
export type KeyFetcher = (serverName: string) => Promise<unknown>;

/** Keys are trusted for at most a week past fetching, whatever valid_until_ts says (spec, room v5+). */
export const MAX_KEY_TRUST_MS = 7 * 24 * 60 * 60 * 1000;

interface KnownKey {
  key: Uint8Array;
  /** Usable for requests (current key) until then; 0 for a key only ever seen as old. */
  validUntilTs: number;
  /** Usable for events sent before then: validUntilTs for current keys, expired_ts for old ones. */
  eventsUntilTs: number;
}

interface ServerEntry {
  keys: Map<string, KnownKey>;
  /** The origin-signed response with the latest valid_until_ts: what the notary serves. */
  best: ParsedKeyResponse | undefined;
  lastAttemptAt: number;
  lastError: string | undefined;
  inflight: Promise<void> | undefined;
}

/** The key under `keyId` if it may check an event sent at `atTs` (always, when validity is not enforced). */
function usableKey(e: ServerEntry, keyId: string, atTs: number, enforceValidity: boolean): Uint8Array | undefined {
  const k = e.keys.get(keyId);
  return k && (!enforceValidity || k.eventsUntilTs >= atTs) ? k.key : undefined;
}

export class Keyring {
  readonly #own: ServerKeys;
  readonly #fetch: KeyFetcher;
  readonly #slots: ActiveSlots;
  readonly #now: () => number;
  readonly #minRefetchMs: number;
  readonly #servers = new Map<string, ServerEntry>();

  constructor(opts: { own: ServerKeys; fetch: KeyFetcher; slots: ActiveSlots; now?: () => number; minRefetchMs?: number }) {
    this.#own = opts.own;
    this.#fetch = opts.fetch;
    this.#slots = opts.slots;
    this.#now = opts.now ?? Date.now;
    this.#minRefetchMs = opts.minRefetchMs ?? 5_000;
  }

  #entry(server: string): ServerEntry {
    let e = this.#servers.get(server);
    if (!e) this.#servers.set(server, (e = { keys: new Map(), best: undefined, lastAttemptAt: -Infinity, lastError: undefined, inflight: undefined }));
    return e;
  }

  /**
   * Accepts a verified response: each key keeps the best validity it was ever given (a worse or shorter answer
   * never replaces a better one), and the notary keeps the response with the latest valid_until_ts.
   */
  #store(r: ParsedKeyResponse, fetchedAt: number): void {
    const e = this.#entry(r.serverName);
    const until = Math.min(r.validUntilTs, fetchedAt + MAX_KEY_TRUST_MS);
    for (const [id, key] of r.verifyKeys) {
      const k = e.keys.get(id);
      if (!k || !bytesEqual(k.key, key)) e.keys.set(id, { key, validUntilTs: until, eventsUntilTs: until });
      else {
        k.validUntilTs = Math.max(k.validUntilTs, until);
        k.eventsUntilTs = Math.max(k.eventsUntilTs, until);
      }
    }
    for (const [id, old] of r.oldKeys) {
      const k = e.keys.get(id);
      if (!k) e.keys.set(id, { key: old.key, validUntilTs: 0, eventsUntilTs: old.expiredTs });
      else if (bytesEqual(k.key, old.key)) k.eventsUntilTs = Math.max(k.eventsUntilTs, old.expiredTs);
    }
    if (!e.best || r.validUntilTs >= e.best.validUntilTs) e.best = r;
  }

  /** Fetches (once at a time per server) and stores the server's keys; never throws. */
  refresh(server: string): Promise<void> {
    const e = this.#entry(server);
    if (e.inflight) return e.inflight;
    e.lastAttemptAt = this.#now();
    e.inflight = this.#fetch(server)
      .then((raw) => {
        const r = parseKeyResponse(this.#slots, raw, server);
        if (typeof r === 'string') throw new Error(r);
        this.#store(r, this.#now());
        e.lastError = undefined;
      })
      .catch((err: unknown) => void (e.lastError = err instanceof Error ? err.message : String(err)))
      .finally(() => void (e.inflight = undefined));
    return e.inflight;
  }

  #canRefetch(e: ServerEntry): boolean {
    return this.#now() - e.lastAttemptAt >= this.#minRefetchMs;
  }

  /** The key for verifying a request signed now with `keyId`: current and unexpired. Throws 401 otherwise. */
  async requestKey(server: string, keyId: string): Promise<Uint8Array> {
    if (server === this.#own.serverName) {
      if (keyId === this.#own.signingKey.keyId) return this.#own.publicKey;
      throw new MatrixError(401, Errcode.UNAUTHORIZED, `unknown key ${keyId} for ${server}`);
    }
    const e = this.#entry(server);
    const usable = () => {
      const k = e.keys.get(keyId);
      return k && k.validUntilTs > this.#now() ? k.key : undefined;
    };
    let key = usable();
    if (!key && (e.inflight || this.#canRefetch(e))) {
      await this.refresh(server);
      key = usable();
    }
    if (key) return key;
    const why = e.lastError ? `: ${e.lastError}` : '';
    throw new MatrixError(401, Errcode.UNAUTHORIZED, `no valid key ${keyId} for ${server}${why}`);
  }

  /**
   * The key for checking an event's signature: valid at `atTs` when `enforceValidity` (room v5+), else any
   * key ever published under this id. Undefined when it cannot be had. Synchronous when the answer is cached.
   */
  eventKey(server: string, keyId: string, atTs: number, enforceValidity: boolean): Uint8Array | undefined | Promise<Uint8Array | undefined> {
    if (server === this.#own.serverName && keyId === this.#own.signingKey.keyId) return this.#own.publicKey;
    const e = this.#entry(server);
    const key = usableKey(e, keyId, atTs, enforceValidity);
    // A cached key is answered synchronously: this runs for every PDU received, a promise each would show.
    if (key !== undefined || !(e.inflight || this.#canRefetch(e))) return key;
    return this.refresh(server).then(() => usableKey(e, keyId, atTs, enforceValidity));
  }

  /** A synchronous view for the signature checker, after `eventKey`/`requestKey` made sure of what is needed. */
  cachedKey(server: string, keyId: string): Uint8Array | undefined {
    if (server === this.#own.serverName && keyId === this.#own.signingKey.keyId) return this.#own.publicKey;
    return this.#servers.get(server)?.keys.get(keyId)?.key;
  }

  /**
   * Notary: the origin-signed responses to serve for `server`, refetched first when the cached one is not valid
   * until `minimumValidUntilTs` or lacks a requested key. When the origin is unreachable the cached response is
   * served anyway (the caller checks validity); with nothing cached the list is empty.
   */
  async notaryResponses(server: string, minimumValidUntilTs: number, keyIds: readonly string[] = []): Promise<JsonObject[]> {
    if (server === this.#own.serverName) return [this.#own.response() as unknown as JsonObject];
    const e = this.#entry(server);
    const good = () => e.best !== undefined && e.best.validUntilTs >= minimumValidUntilTs && keyIds.every((id) => e.best!.verifyKeys.has(id) || e.best!.oldKeys.has(id));
    if (!good() && (e.inflight || this.#canRefetch(e))) await this.refresh(server);
    return e.best ? [e.best.raw] : [];
  }

  /** What we know, for the lab/admin status. */
  get knownServers(): number {
    return this.#servers.size;
  }
}

