// The `arena` store's states: interned (type, state_key) pair ids → interned event ids in a persistent trie,
// plus each state's definition as two Int32Array columns.
import type { Interner } from '../../core/slots/interner.ts';
import type { StateChange, StateId } from '../../core/slots/store.ts';
import { checkChange, checkDefined, checkState } from './_checks.ts';
import { growInt32 } from './_grow.ts';
import { IntTrie } from './_int-trie.ts';
import { PairTable } from './_pair-table.ts';

/**
 * State s is the trie at roots[s]; its definition is defPair/defValue[defStart[s] .. defStart[s + 1])
 * (value -1 = removal), kept exactly as given (order, repeats) for `definition` and migration.
 * A new state costs its changes (8 bytes each) plus the trie nodes on their paths (a few hundred bytes for
 * one change in a large state), never a copy of the whole map.
 * Trades away: a filtered iteration (`entries(s, type)`) walks the whole state and skips other types (pair
 * ids are not grouped by type); strings cost an interner lookup each time they are read back.
 */
export class ArenaStates {
  readonly #interner: () => Interner;
  readonly #pairs = new PairTable();
  readonly #trie = new IntTrie();
  #roots = new Int32Array(256);
  #sizes = new Int32Array(256);
  #parents = new Int32Array(256);
  #defStart = new Int32Array(256);
  #defPair = new Int32Array(256);
  #defValue = new Int32Array(256);
  #count = 0;

  constructor(interner: () => Interner) {
    this.#interner = interner;
    // State 0: the empty trie, no definition (#defStart[0] = #defStart[1] = 0).
  }

  get count(): number {
    return this.#count;
  }

  create(parent: StateId, changes: readonly StateChange[]): StateId {
    checkState(parent, this.#count, 'parent state');
    changes.forEach(checkChange);
    const it = this.#interner();
    const s = this.#count + 1;
    const lo = this.#defStart[s]!;
    const hi = lo + changes.length;
    this.#defPair = growInt32(this.#defPair, hi);
    this.#defValue = growInt32(this.#defValue, hi);
    for (let i = 0; i < changes.length; i++) {
      const [type, stateKey, eventId] = changes[i]!;
      this.#defPair[lo + i] = this.#pairs.intern(it.intern(type), it.intern(stateKey));
      this.#defValue[lo + i] = eventId === null ? -1 : it.intern(eventId);
    }
    const root = this.#trie.update(this.#roots[parent]!, this.#defPair, this.#defValue, lo, hi);
    this.#roots = growInt32(this.#roots, s + 2);
    this.#sizes = growInt32(this.#sizes, s + 2);
    this.#parents = growInt32(this.#parents, s + 2);
    this.#defStart = growInt32(this.#defStart, s + 2);
    this.#roots[s] = root;
    this.#sizes[s] = this.#sizes[parent]! + this.#trie.lastDelta;
    this.#parents[s] = parent;
    this.#defStart[s + 1] = hi;
    this.#count = s;
    return s;
  }

  get(state: StateId, type: string, stateKey: string): string | undefined {
    checkState(state, this.#count);
    const it = this.#interner();
    const t = it.find(type);
    const k = t < 0 ? -1 : it.find(stateKey);
    const p = k < 0 ? -1 : this.#pairs.find(t, k);
    if (p < 0) return undefined;
    const e = this.#trie.get(this.#roots[state]!, p);
    return e < 0 ? undefined : it.lookup(e);
  }

  entries(state: StateId, type?: string): IterableIterator<readonly [string, string, string]> {
    checkState(state, this.#count); // now, not at the first next()
    return this.#entries(this.#roots[state]!, type);
  }

  *#entries(root: number, type: string | undefined): IterableIterator<readonly [string, string, string]> {
    let t = -1;
    if (type !== undefined) {
      t = this.#interner().find(type);
      if (t < 0) return;
    }
    const trie = this.#trie;
    const pairs = this.#pairs;
    for (const pos of trie.entries(root)) {
      const p = trie.keyAt(pos);
      if (t >= 0 && pairs.first(p) !== t) continue;
      const it = this.#interner(); // per entry: the interner may be swapped while we are suspended
      yield [it.lookup(pairs.first(p)), it.lookup(pairs.second(p)), it.lookup(trie.valueAt(pos))];
    }
  }

  size(state: StateId): number {
    checkState(state, this.#count);
    return this.#sizes[state]!;
  }

  definition(state: StateId): { readonly parent: StateId; readonly changes: readonly StateChange[] } {
    checkDefined(state, this.#count);
    const it = this.#interner();
    const changes: StateChange[] = [];
    for (let i = this.#defStart[state]!; i < this.#defStart[state + 1]!; i++) {
      const p = this.#defPair[i]!;
      const e = this.#defValue[i]!;
      changes.push([it.lookup(this.#pairs.first(p)), it.lookup(this.#pairs.second(p)), e < 0 ? null : it.lookup(e)]);
    }
    return { parent: this.#parents[state]!, changes };
  }

  memoryBytes(): number {
    const columns = [this.#roots, this.#sizes, this.#parents, this.#defStart, this.#defPair, this.#defValue];
    return columns.reduce((n, c) => n + c.byteLength, 0) + this.#pairs.memoryBytes() + this.#trie.memoryBytes();
  }
}
