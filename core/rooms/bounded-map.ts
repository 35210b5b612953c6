// A size-bounded map with two generations: the engine's caches (parsed events, states after events, resolutions).

/**
 * Lookups hit `#young`, then `#old` (promoting the entry); when `#young` fills up (capacity / 2) it becomes
 * `#old` and the previous `#old` is dropped whole. Trade-off: a hit costs no reordering and eviction no
 * bookkeeping; the price is evicting recently used entries somewhat earlier than an exact LRU would.
 * At most `capacity` distinct entries are held.
 */
export class BoundedMap<K, V> {
  readonly #half: number;
  #young = new Map<K, V>();
  #old = new Map<K, V>();

  constructor(capacity: number) {
    this.#half = Math.max(1, Math.floor(capacity / 2));
  }

  get(key: K): V | undefined {
    const young = this.#young.get(key);
    if (young !== undefined) return young;
    const old = this.#old.get(key);
    if (old !== undefined) this.#add(key, old);
    return old;
  }

  set(key: K, value: V): void {
    this.#old.delete(key);
    this.#add(key, value);
  }

  delete(key: K): void {
    this.#young.delete(key);
    this.#old.delete(key);
  }

  /** Entries held (an entry promoted from the old generation may be counted twice until it is dropped). */
  get size(): number {
    return this.#young.size + this.#old.size;
  }

  #add(key: K, value: V): void {
    if (this.#young.size >= this.#half) {
      this.#old = this.#young;
      this.#young = new Map();
    }
    this.#young.set(key, value);
  }
}
