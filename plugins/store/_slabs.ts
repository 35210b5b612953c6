// Append-only byte slabs for the arena store: events' canonical bytes packed into large ArrayBuffers.

/** The first slab is small (a store in a test holds a few events); each next one doubles, up to MAX_SLAB. */
const FIRST_SLAB = 64 * 1024;
const MAX_SLAB = 4 * 1024 * 1024;

/**
 * An event never spans slabs: when it does not fit in the current slab's tail, a new slab starts (the tail
 * is wasted: at most one event's worth per slab) and one bigger than MAX_SLAB gets a slab of its own.
 * Bytes are never overwritten or freed, so a view handed out stays valid and unchanged for good.
 * Trades away: replaced bytes (redactions) stay in their slab as dead bytes (counted in `deadBytes`);
 * reclaiming them would need a compaction pass that rewrites every (slab, offset).
 */
export class ByteSlabs {
  readonly #slabs: ArrayBuffer[] = [];
  #current: Uint8Array<ArrayBuffer> = new Uint8Array(0);
  #used = 0;
  #nextSize = FIRST_SLAB;
  #held = 0;
  #dead = 0;
  /** Where the last `append` put its bytes. */
  slab = 0;
  offset = 0;

  /** Copies `bytes` in; afterwards `slab` and `offset` say where. */
  append(bytes: Uint8Array): void {
    const n = bytes.length;
    if (this.#used + n > this.#current.length) {
      const size = Math.max(n, this.#nextSize);
      this.#nextSize = Math.min(this.#nextSize * 2, MAX_SLAB);
      this.#current = new Uint8Array(size);
      this.#slabs.push(this.#current.buffer);
      this.#used = 0;
    }
    this.#current.set(bytes, this.#used);
    this.slab = this.#slabs.length - 1;
    this.offset = this.#used;
    this.#used += n;
    this.#held += n;
  }

  /** A view of stored bytes (no copy). Callers must not write through it. */
  view(slab: number, offset: number, length: number): Uint8Array {
    return new Uint8Array(this.#slabs[slab]!, offset, length); // about twice as fast as subarray()
  }

  /** Marks `n` stored bytes as no longer referenced. */
  release(n: number): void {
    this.#dead += n;
    this.#held -= n;
  }

  /** Live bytes, and bytes of replaced versions still occupying slabs. */
  get liveBytes(): number {
    return this.#held;
  }
  get deadBytes(): number {
    return this.#dead;
  }

  /** Every slab's full size (what the slabs actually occupy). */
  get allocatedBytes(): number {
    let total = 0;
    for (const s of this.#slabs) total += s.byteLength;
    return total;
  }
}
