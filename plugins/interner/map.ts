// Interner `map`: a Map from string to id plus an array from id to string (the baseline).
import type { Interner } from '../../core/slots/interner.ts';

/**
 * Leans on V8: a string caches its own hash, so repeated lookups of the same string object are cheap.
 * A class (not a closure object) so calls inline the same way as the other implementations' and the
 * benchmark compares data layouts, not dispatch styles.
 */
class MapInterner implements Interner {
  readonly name = 'map';
  #ids = new Map<string, number>();
  #strings: string[] = [];

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

export default function mapInterner(): Interner {
  return new MapInterner();
}
