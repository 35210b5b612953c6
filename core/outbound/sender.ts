// The per-destination transaction sender (server-server-api §Transactions): our PDUs and EDUs go to every other
// server in the room, batched (≤ 50 PDUs, ≤ 100 EDUs), one transaction in flight per destination, retried with
// exponential backoff and the same txnId until a 200, woken early when that server contacts us. Queued PDUs
// survive a restart through the journal (EDUs are ephemeral and are not journaled).
import { FailureKind, FederationRequestError } from './federation-error.ts';

export const MAX_PDUS_PER_TXN = 50;
export const MAX_EDUS_PER_TXN = 100;

export interface Edu {
  readonly edu_type: string;
  readonly content: Record<string, unknown>;
}

export interface Transaction {
  readonly origin: string;
  readonly origin_server_ts: number;
  readonly pdus: readonly unknown[];
  readonly edus?: readonly Edu[];
}

/** Sends one transaction; resolves on a 2xx, rejects (ideally with a FederationRequestError) otherwise. */
export type Transport = (destination: string, txnId: string, txn: Transaction) => Promise<unknown>;

/** Where queue changes are made durable; the sender's records replay through `restore`. */
export interface SenderJournal {
  append(kind: string, value: unknown): void;
}

export interface SenderOptions {
  origin: string;
  transport: Transport;
  /** The PDU to send for an event id (parsed JSON), or undefined if it is gone. */
  pdu(eventId: string): unknown;
  journal?: SenderJournal;
  /**
   * Resolves once everything journaled so far is durable. Awaited before a transaction first leaves, so a peer
   * never holds an event of ours that a crash could make us lose.
   */
  durable?: () => Promise<void>;
  now?: () => number;
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  log?: (line: string) => void;
}

/** Journal record kinds. */
export const SENDER_QUEUED = 'sender.queued';
export const SENDER_DELIVERED = 'sender.delivered';
export const SENDER_KINDS = [SENDER_QUEUED, SENDER_DELIVERED] as const;

interface InFlight {
  readonly txnId: string;
  readonly pdus: readonly string[];
  readonly edus: readonly Edu[];
  readonly ts: number;
}

interface Destination {
  readonly name: string;
  pdus: string[];
  edus: Edu[];
  inflight: InFlight | undefined;
  failures: number;
  retryAt: number;
  /** Ends the current backoff early (wake, close). */
  wakeUp: (() => void) | undefined;
  lastError: string | undefined;
  sent: number;
}

export class FederationSender {
  readonly #o: Required<Omit<SenderOptions, 'journal' | 'log' | 'durable'>> & Pick<SenderOptions, 'journal' | 'log' | 'durable'>;
  readonly #dests = new Map<string, Destination>();
  readonly #txnPrefix = Date.now().toString(36);
  #txnCounter = 0;
  #closed = false;
  #idleWaiters: Array<() => void> = [];

  constructor(opts: SenderOptions) {
    this.#o = { now: Date.now, initialBackoffMs: 1_000, maxBackoffMs: 5 * 60_000, ...opts };
  }

  #dest(name: string): Destination {
    let d = this.#dests.get(name);
    if (!d) {
      d = { name, pdus: [], edus: [], inflight: undefined, failures: 0, retryAt: 0, wakeUp: undefined, lastError: undefined, sent: 0 };
      this.#dests.set(name, d);
    }
    return d;
  }

  /** Queues an event for these servers (never for ourselves). Journaled: commit with the event's own record. */
  queuePdu(eventId: string, destinations: Iterable<string>): void {
    const ds = [...new Set(destinations)].filter((d) => d !== this.#o.origin);
    if (ds.length === 0) return;
    this.#o.journal?.append(SENDER_QUEUED, { e: eventId, d: ds });
    for (const name of ds) {
      this.#dest(name).pdus.push(eventId);
      this.#kick(name);
    }
  }

  queueEdu(destination: string, edu: Edu): void {
    if (destination === this.#o.origin) return;
    this.#dest(destination).edus.push(edu);
    this.#kick(destination);
  }

  /** Replays journal records (call for each record of our kinds, in order, before any new work). */
  restore(kind: string, value: unknown): void {
    const v = value as { e?: string; d?: string[]; dest?: string; n?: number };
    if (kind === SENDER_QUEUED && v.e && v.d) for (const name of v.d) this.#dest(name).pdus.push(v.e);
    else if (kind === SENDER_DELIVERED && v.dest && typeof v.n === 'number') this.#dest(v.dest).pdus.splice(0, v.n);
  }

  /** Records that rebuild the current queues from nothing (journal snapshots): what is queued, nothing delivered. */
  snapshotRecords(kind: string): unknown[] {
    if (kind !== SENDER_QUEUED) return [];
    return [...this.#dests.values()].flatMap((d) => d.pdus.map((e) => ({ e, d: [d.name] })));
  }

  /** Starts sending whatever was restored. */
  resume(): void {
    for (const d of this.#dests.values()) if (d.pdus.length > 0 || d.edus.length > 0) this.#kick(d.name);
  }

  /** That server just contacted us: it is up, so retry now instead of waiting out the backoff. */
  wake(destination: string): void {
    this.#dests.get(destination)?.wakeUp?.();
  }

  #kick(name: string): void {
    const d = this.#dest(name);
    if (this.#closed || d.inflight || (d.pdus.length === 0 && d.edus.length === 0)) return;
    // Deferred by a microtask so events queued in the same tick share one transaction.
    queueMicrotask(() => this.#send(d));
  }

  async #send(d: Destination): Promise<void> {
    if (this.#closed || d.inflight || (d.pdus.length === 0 && d.edus.length === 0)) return;
    const ids = d.pdus.slice(0, MAX_PDUS_PER_TXN);
    const edus = d.edus.splice(0, MAX_EDUS_PER_TXN);
    const txn: InFlight = { txnId: `${this.#txnPrefix}.${++this.#txnCounter}`, pdus: ids, edus, ts: this.#o.now() };
    d.inflight = txn;
    if (this.#o.durable) {
      try {
        await this.#o.durable();
      } catch (err) {
        // The journal failed: nothing may leave that we could not replay. The server stops on journal failure.
        this.#o.log?.(`sender: not sending to ${d.name}: journal not durable (${err instanceof Error ? err.message : String(err)})`);
        d.edus.unshift(...edus);
        d.inflight = undefined;
        return;
      }
    }
    let delivered = false;
    while (!this.#closed && !delivered) {
      const pdus = txn.pdus.map((id) => this.#o.pdu(id)).filter((p) => p !== undefined);
      const body: Transaction = { origin: this.#o.origin, origin_server_ts: txn.ts, pdus, ...(edus.length > 0 ? { edus } : {}) };
      try {
        await this.#o.transport(d.name, txn.txnId, body);
        delivered = true;
      } catch (err) {
        d.failures++;
        d.lastError = err instanceof Error ? err.message : String(err);
        if (isPermanent(err)) {
          this.#o.log?.(`sender: ${d.name} refused transaction ${txn.txnId} for good (${d.lastError}); dropping it`);
          break;
        }
        const backoff = Math.min(this.#o.maxBackoffMs, this.#o.initialBackoffMs * 2 ** Math.min(d.failures - 1, 20));
        d.retryAt = this.#o.now() + backoff;
        // Wait out the backoff, unless wake() (that server contacted us) or close() ends it early.
        await new Promise<void>((resolve) => {
          const t = setTimeout(resolve, backoff);
          d.wakeUp = () => {
            clearTimeout(t);
            resolve();
          };
        });
        d.wakeUp = undefined;
        d.retryAt = 0;
      }
    }
    if (this.#closed && !delivered) return; // stays queued; the journal still lists it
    d.pdus.splice(0, txn.pdus.length);
    d.inflight = undefined;
    d.sent += txn.pdus.length;
    if (delivered) {
      d.failures = 0;
      d.lastError = undefined;
    }
    if (txn.pdus.length > 0) this.#o.journal?.append(SENDER_DELIVERED, { dest: d.name, n: txn.pdus.length });
    if (d.pdus.length > 0 || d.edus.length > 0) this.#kick(d.name);
    else this.#maybeIdle();
  }

  #maybeIdle(): void {
    if (this.#idleWaiters.length === 0) return;
    for (const d of this.#dests.values()) if (d.inflight || d.pdus.length > 0 || d.edus.length > 0) return;
    const w = this.#idleWaiters;
    this.#idleWaiters = [];
    for (const f of w) f();
  }

  /** Resolves when every queue is empty (tests, graceful shutdown). */
  idle(): Promise<void> {
    return new Promise((resolve) => {
      this.#idleWaiters.push(resolve);
      this.#maybeIdle();
    });
  }

  status(): Array<{ destination: string; queued_pdus: number; queued_edus: number; in_flight: boolean; failures: number; retry_in_ms: number; sent_pdus: number; last_error: string | null }> {
    const now = this.#o.now();
    return [...this.#dests.values()].map((d) => ({
      destination: d.name, queued_pdus: d.pdus.length, queued_edus: d.edus.length, in_flight: d.inflight !== undefined,
      failures: d.failures, retry_in_ms: Math.max(0, d.retryAt - now), sent_pdus: d.sent, last_error: d.lastError ?? null,
    }));
  }

  close(): void {
    this.#closed = true;
    for (const d of this.#dests.values()) d.wakeUp?.();
  }
}

/** A 4xx other than 408/429 means the receiver will never take this transaction: retrying cannot help. */
function isPermanent(err: unknown): boolean {
  if (!(err instanceof FederationRequestError) || err.kind !== FailureKind.HTTP || err.status === undefined) return false;
  return err.status >= 400 && err.status < 500 && err.status !== 408 && err.status !== 429;
}
