// Interner `hash-table`: open addressing (linear probing) over typed arrays, with each id's hash cached.
import type { Interner } from '../../core/slots/interner.ts';

/** Slots start at this many (a power of two) and double when the load factor would pass MAX_LOAD. */
const INITIAL_CAPACITY = 1024;
const MAX_LOAD = 0.5;
const EMPTY = -1;

/**
 * FNV-1a over UTF-16 code units, then murmur3's fmix32 so the low bits (our slot index) are well mixed.
 * Code units, not UTF-8 bytes: equal strings have equal code units, which is all a hash table needs.
 */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * The table is an Int32Array of ids (-1 = empty); `#hashes[id]` caches each string's hash so a probe
 * compares strings only on a full 32-bit hash match, and growing never rehashes a string.
 *
 * Trades away: V8 already caches a hash inside every string, which a Map uses for free; here every
 * intern/find walks the whole string in JS (O(length), ~1 ns per char). It also keeps 2–4 slots of 4 bytes
 * per id (load ≤ 0.5) and cannot delete (an interner never does). What it buys: a flat layout the GC barely
 * sees (two typed arrays and one string array instead of a Map's hash table of tagged values), and a
 * probe sequence we can measure and tune.
 */
class HashTableInterner implements Interner {
  readonly name = 'hash-table';
  #slots = new Int32Array(INITIAL_CAPACITY).fill(EMPTY);
  #mask = INITIAL_CAPACITY - 1;
  #hashes = new Uint32Array(INITIAL_CAPACITY * MAX_LOAD);
  #strings: string[] = [];

  intern(s: string): number {
    const h = hashString(s);
    const slots = this.#slots;
    const mask = this.#mask;
    for (let i = h & mask; ; i = (i + 1) & mask) {
      const id = slots[i]!;
      if (id === EMPTY) return this.#insert(s, h, i);
      if (this.#hashes[id] === h && this.#strings[id] === s) return id;
    }
  }

  find(s: string): number {
    const h = hashString(s);
    const slots = this.#slots;
    const mask = this.#mask;
    for (let i = h & mask; ; i = (i + 1) & mask) {
      const id = slots[i]!;
      if (id === EMPTY) return -1;
      if (this.#hashes[id] === h && this.#strings[id] === s) return id;
    }
  }

  lookup(id: number): string {
    const s = this.#strings[id];
    if (s === undefined) throw new RangeError(`interner: no string has id ${id}`);
    return s;
  }

  get size(): number {
    return this.#strings.length;
  }

  strings(): IterableIterator<string> {
    return this.#strings.values();
  }

  #insert(s: string, h: number, slot: number): number {
    const id = this.#strings.length;
    if (id === this.#hashes.length) {
      this.#grow();
      return this.intern(s); // probe again in the doubled table (rare: once per doubling)
    }
    this.#slots[slot] = id;
    this.#hashes[id] = h;
    this.#strings.push(s);
    return id;
  }

  /** Doubles the slots and re-places every id by its cached hash; the hash cache doubles with it. */
  #grow(): void {
    const capacity = this.#slots.length * 2;
    const slots = new Int32Array(capacity).fill(EMPTY);
    const mask = capacity - 1;
    const hashes = new Uint32Array(capacity * MAX_LOAD);
    hashes.set(this.#hashes);
    for (let id = 0; id < this.#strings.length; id++) {
      let i = hashes[id]! & mask;
      while (slots[i] !== EMPTY) i = (i + 1) & mask;
      slots[i] = id;
    }
    this.#slots = slots;
    this.#mask = mask;
    this.#hashes = hashes;
  }
}

export default function hashTableInterner(): Interner {
  return new HashTableInterner();
}
