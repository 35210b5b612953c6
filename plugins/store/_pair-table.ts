// Dense ids for (type, state_key) pairs of interned ids: the arena store keys its state tries by them.

/** Pair ids stay below 2^30 (the state trie mixes them within 30 bits). */
export const MAX_PAIRS = 1 << 30;

/**
 * Open addressing (linear probing, load ≤ 0.5) over an Int32Array of pair id + 1 (0 = empty), with the
 * two halves of each pair in Int32Array columns: ~16–24 bytes per distinct pair, no GC-visible objects.
 */
export class PairTable {
  #slots = new Int32Array(1024);
  #mask = 1023;
  #first = new Int32Array(512);
  #second = new Int32Array(512);
  #size = 0;

  get size(): number {
    return this.#size;
  }

  /** The id of (a, b), assigning the next one if new. */
  intern(a: number, b: number): number {
    for (let i = hash(a, b) & this.#mask; ; i = (i + 1) & this.#mask) {
      const p = this.#slots[i]! - 1;
      if (p < 0) return this.#insert(a, b, i);
      if (this.#first[p] === a && this.#second[p] === b) return p;
    }
  }

  /** The id of (a, b), or -1. */
  find(a: number, b: number): number {
    for (let i = hash(a, b) & this.#mask; ; i = (i + 1) & this.#mask) {
      const p = this.#slots[i]! - 1;
      if (p < 0) return -1;
      if (this.#first[p] === a && this.#second[p] === b) return p;
    }
  }

  first(p: number): number {
    return this.#first[p]!;
  }
  second(p: number): number {
    return this.#second[p]!;
  }

  #insert(a: number, b: number, slot: number): number {
    const p = this.#size;
    if (p >= MAX_PAIRS) throw new RangeError('store: too many distinct (type, state_key) pairs');
    if (p === this.#first.length) {
      this.#grow();
      return this.intern(a, b);
    }
    this.#slots[slot] = p + 1;
    this.#first[p] = a;
    this.#second[p] = b;
    this.#size++;
    return p;
  }

  #grow(): void {
    const cap = this.#first.length * 2;
    const first = new Int32Array(cap);
    first.set(this.#first);
    const second = new Int32Array(cap);
    second.set(this.#second);
    const slots = new Int32Array(cap * 2);
    const mask = cap * 2 - 1;
    for (let p = 0; p < this.#size; p++) {
      let i = hash(first[p]!, second[p]!) & mask;
      while (slots[i] !== 0) i = (i + 1) & mask;
      slots[i] = p + 1;
    }
    this.#slots = slots;
    this.#mask = mask;
    this.#first = first;
    this.#second = second;
  }

  memoryBytes(): number {
    return this.#slots.byteLength + this.#first.byteLength + this.#second.byteLength;
  }
}

/** Both halves through murmur3's fmix32, so the low bits (the slot index) are well mixed. */
function hash(a: number, b: number): number {
  let h = Math.imul(a, 0x9e3779b1) ^ b;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}
