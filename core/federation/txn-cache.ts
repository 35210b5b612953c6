// Idempotent transactions (server-server-api §Transactions: a sender retries with the same txnId until it gets a
// 200): the results of recent (origin, txnId) pairs, so a repeat gets the first answer without reprocessing, and a
// repeat arriving while the first is still being processed awaits the same promise.

/** How many transaction results are kept (each is one small `{pdus:{…}}` object of ≤ 50 entries). */
export const TXN_CACHE_SIZE = 2_048;

export class TxnCache<T> {
  readonly #max: number;
  /** Insertion order = age: the first key is the oldest. */
  readonly #entries = new Map<string, Promise<T>>();

  constructor(max = TXN_CACHE_SIZE) {
    this.#max = Math.max(1, max);
  }

  get size(): number {
    return this.#entries.size;
  }

  /**
   * The cached result for (origin, txnId), or the result of `work()`, which is cached. A failed `work()` is
   * forgotten so that the sender's retry is processed again (it only gets a non-200 answer).
   */
  run(origin: string, txnId: string, work: () => Promise<T>): Promise<T> {
    const key = `${origin}\n${txnId}`;
    const hit = this.#entries.get(key);
    if (hit !== undefined) return hit;
    const p = work();
    this.#entries.set(key, p);
    p.catch(() => {
      if (this.#entries.get(key) === p) this.#entries.delete(key);
    });
    // Evict the oldest. An evicted transaction that is repeated is processed again: harmless, since every PDU
    // in it is then a duplicate the engine recognises, and EDUs are idempotent updates.
    while (this.#entries.size > this.#max) this.#entries.delete(this.#entries.keys().next().value!);
    return p;
  }
}
