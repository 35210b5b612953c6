// A growable Int32Array indexed by graph node: visit stamps and counters for the graph walks.

/**
 * Per-node integers that start at 0. Grows (doubling) when a walk interns new nodes, so callers never size it.
 * Fast path trade-off: one typed array instead of a Set per walk; stamps let one array serve several walks.
 */
export class NodeMarks {
  #a: Int32Array;

  constructor(capacity = 64) {
    this.#a = new Int32Array(Math.max(16, capacity));
  }

  get(n: number): number {
    return n < this.#a.length ? this.#a[n]! : 0;
  }

  set(n: number, v: number): void {
    if (n >= this.#a.length) {
      let len = this.#a.length * 2;
      while (len <= n) len *= 2;
      const b = new Int32Array(len);
      b.set(this.#a);
      this.#a = b;
    }
    this.#a[n] = v;
  }
}
