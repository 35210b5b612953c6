// A persistent hash-array-mapped trie (HAMT) from int keys to int values, all nodes in one Int32Array heap:
// the arena store's state maps (pair id → interned event id), sharing structure between states.
import { growInt32 } from './_grow.ts';

/** Keys are below 2^30; the mixed key is read 5 bits per level from the top, so 6 levels use all 30. */
const LEVELS = 6;
const MASK30 = 0x3fffffff;
/** Multiplying by an odd constant is a bijection mod 2^30: distinct keys never collide, and it inverts. */
const MIX = 0x9e3779b1 | 0;
const UNMIX = inverseOdd(MIX);

function inverseOdd(a: number): number {
  let x = a; // correct to 3 bits for odd a; each Newton step doubles the correct bits
  for (let i = 0; i < 5; i++) x = Math.imul(x, 2 - Math.imul(a, x));
  return x;
}
const mix = (k: number): number => Math.imul(k, MIX) & MASK30;
const unmix = (h: number): number => Math.imul(h, UNMIX) & MASK30;
const chunk = (h: number, level: number): number => (h >>> (25 - 5 * level)) & 31;

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

/** Result codes of #edit besides a node offset. */
const GONE = -1;
const LEAF = -2;

/**
 * A node is [bitmap, slot…] with one 2-int slot per set bit: (key ≥ 0, value) for an entry, or
 * (-1, child offset). A subtree holding a single entry is always inlined as that entry in its parent.
 * Offset 0 is the shared empty node. Nodes are immutable once written: an update copies the path from
 * the root to every changed entry (one copy per touched node, even for a batch of many edits), so a state
 * costs O(changes × depth) ints and every older state stays valid.
 * Trades away: the heap is append-only and one array (a doubling copies it all: briefly 2.5× its size in
 * memory); keys must be < 2^30; iteration order is hash order. What it buys: lookups in ≤ 6 dependent
 * reads, no GC-visible objects per entry, and no whole-map copies however large a state grows.
 */
export class IntTrie {
  static readonly EMPTY = 0;
  #heap = new Int32Array(1024);
  #top = 1; // heap[0] = 0: the empty node
  /** Entries added minus removed by the last `update`. */
  lastDelta = 0;
  // Edits of the running update, unique by key and sorted by mixed key; one slot buffer per level.
  #eh = new Int32Array(16);
  #ek = new Int32Array(16);
  #ev = new Int32Array(16);
  readonly #out = Array.from({ length: LEVELS }, () => new Int32Array(64));
  #lk = 0; // the entry an #edit returned as LEAF
  #lv = 0;

  /** The value of `key` in the trie at `root`, or -1. */
  get(root: number, key: number): number {
    const heap = this.#heap;
    const h = mix(key);
    let off = root;
    for (let level = 0; ; level++) {
      const bm = heap[off]!;
      const bit = 1 << chunk(h, level);
      if ((bm & bit) === 0) return -1;
      const pos = off + 1 + 2 * popcount(bm & (bit - 1));
      const k = heap[pos]!;
      if (k >= 0) return k === key ? heap[pos + 1]! : -1;
      off = heap[pos + 1]!;
    }
  }

  /**
   * The trie at `root` with keys[lo..hi) set to values[lo..hi) (a value < 0 removes the key; a later
   * edit of the same key wins). Returns the new root; `root` itself is unchanged.
   */
  update(root: number, keys: Int32Array, values: Int32Array, lo: number, hi: number): number {
    this.lastDelta = 0;
    if (hi <= lo) return root;
    const m = this.#prepare(keys, values, lo, hi);
    const r = this.#edit(root, 0, 0, m, -1, 0);
    if (r === GONE) return IntTrie.EMPTY;
    if (r === LEAF) {
      const out = this.#out[0]!;
      out[0] = this.#lk;
      out[1] = this.#lv;
      return this.#alloc(1 << chunk(mix(this.#lk), 0), out, 1);
    }
    return r;
  }

  /** Heap positions of every entry under `root` (read them with keyAt/valueAt before the next step). */
  *entries(root: number): Generator<number, void, undefined> {
    const offs = new Int32Array(LEVELS);
    const poss = new Int32Array(LEVELS);
    let d = 0;
    offs[0] = root;
    poss[0] = root + 1;
    for (;;) {
      const heap = this.#heap; // the current array (an older one would hold these nodes too; this one does not pin it)
      const off = offs[d]!;
      const pos = poss[d]!;
      if (pos >= off + 1 + 2 * popcount(heap[off]!)) {
        if (d === 0) return;
        d--;
        continue;
      }
      poss[d] = pos + 2;
      if (heap[pos]! >= 0) yield pos;
      else {
        d++;
        offs[d] = heap[pos + 1]!;
        poss[d] = offs[d]! + 1;
      }
    }
  }

  keyAt(pos: number): number {
    return this.#heap[pos]!;
  }
  valueAt(pos: number): number {
    return this.#heap[pos + 1]!;
  }

  memoryBytes(): number {
    return this.#heap.byteLength + 3 * this.#eh.byteLength;
  }

  /** Fills the edit buffers: the last edit of each key, sorted by mixed key. Returns how many. */
  #prepare(keys: Int32Array, values: Int32Array, lo: number, hi: number): number {
    const n = hi - lo;
    if (n > this.#eh.length) {
      this.#eh = new Int32Array(n);
      this.#ek = new Int32Array(n);
      this.#ev = new Int32Array(n);
    }
    if (n === 1) {
      this.#ek[0] = keys[lo]!;
      this.#ev[0] = values[lo]!;
      this.#eh[0] = mix(keys[lo]!);
      return 1;
    }
    const last = new Map<number, number>();
    for (let i = lo; i < hi; i++) last.set(keys[i]!, values[i]!);
    let m = 0;
    for (const k of last.keys()) this.#eh[m++] = mix(k);
    this.#eh.subarray(0, m).sort(); // distinct: the mix is a bijection
    for (let i = 0; i < m; i++) {
      const k = unmix(this.#eh[i]!);
      this.#ek[i] = k;
      this.#ev[i] = last.get(k)!;
    }
    return m;
  }

  /**
   * Applies edits [lo, hi) (all in this subtree) to the subtree that is the node at `off` (off ≥ 0) or the
   * single entry (xk, xv) (off < 0, xk ≥ 0) or nothing (both < 0). Returns GONE (empty), LEAF (exactly one
   * entry: #lk, #lv) or a node offset; `off` itself when nothing changed.
   */
  #edit(off: number, level: number, lo: number, hi: number, xk: number, xv: number): number {
    const bm = off >= 0 ? this.#heap[off]! : 0;
    const xc = xk >= 0 ? chunk(mix(xk), level) : -1;
    const out = this.#out[level]!;
    const eh = this.#eh;
    const ek = this.#ek;
    const ev = this.#ev;
    let n = 0;
    let outBm = 0;
    let changed = false;
    let pos = off + 1;
    let i = lo;
    for (let c = 0; c < 32; c++) {
      const bit = 1 << c;
      let has = false;
      let ok = 0; // the existing slot: key (≥ 0) and value, or -1 and child offset
      let ov = 0;
      if ((bm & bit) !== 0) {
        ok = this.#heap[pos]!; // the current array: a nested #edit may have replaced (grown) it
        ov = this.#heap[pos + 1]!;
        pos += 2;
        has = true;
      } else if (c === xc) {
        ok = xk;
        ov = xv;
        has = true;
      }
      let j = i;
      while (j < hi && chunk(eh[j]!, level) === c) j++;
      let r: number;
      if (j === i) {
        if (!has) continue;
        r = ok >= 0 ? this.#leaf(ok, ov) : ov;
      } else if (has && ok < 0) {
        r = this.#edit(ov, level + 1, i, j, -1, 0);
      } else if (has) {
        if (j - i === 1 && ek[i] === ok) {
          const v = ev[i]!;
          if (v < 0) this.lastDelta--;
          r = v < 0 ? GONE : this.#leaf(ok, v);
        } else r = this.#edit(-1, level + 1, i, j, ok, ov);
      } else if (j - i === 1) {
        const v = ev[i]!;
        if (v >= 0) this.lastDelta++;
        r = v < 0 ? GONE : this.#leaf(ek[i]!, v);
      } else r = this.#edit(-1, level + 1, i, j, -1, 0);
      i = j;
      if (!has) changed ||= r !== GONE;
      else if (ok < 0) changed ||= r !== ov;
      else changed ||= r !== LEAF || this.#lk !== ok || this.#lv !== ov;
      if (r === GONE) continue;
      outBm |= bit;
      out[2 * n] = r === LEAF ? this.#lk : -1;
      out[2 * n + 1] = r === LEAF ? this.#lv : r;
      n++;
    }
    if (!changed && off >= 0) return off;
    if (n === 0) return GONE;
    if (n === 1 && out[0]! >= 0) return this.#leaf(out[0]!, out[1]!);
    return this.#alloc(outBm, out, n);
  }

  #leaf(k: number, v: number): number {
    this.#lk = k;
    this.#lv = v;
    return LEAF;
  }

  #alloc(bm: number, slots: Int32Array, n: number): number {
    const off = this.#top;
    const end = off + 1 + 2 * n;
    if (end > this.#heap.length) this.#heap = growInt32(this.#heap, end);
    this.#heap[off] = bm;
    this.#heap.set(slots.subarray(0, 2 * n), off + 1);
    this.#top = end;
    return off;
  }
}
