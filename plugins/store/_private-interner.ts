// The arena store's own interner when it runs without a plugin context (unit tests, micro-benchmarks).
import type { Interner } from '../../core/slots/interner.ts';

/** A Map plus an array, the same contract as the `interner` slot (dense ids from 0 in first-intern order). */
export class PrivateInterner implements Interner {
  readonly name = 'store-private';
  readonly #ids = new Map<string, number>();
  readonly #strings: string[] = [];

  intern(s: string): number {
    let id = this.#ids.get(s);
    if (id === undefined) {
      id = this.#strings.length;
      this.#ids.set(s, id);
      this.#strings.push(s);
    }
    return id;
  }

  find(s: string): number {
    return this.#ids.get(s) ?? -1;
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
}
