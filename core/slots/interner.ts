// Slot `interner`: maps strings (ids, event types, state keys) to small dense integers and back.
import type { Plugin } from './plugin.ts';

/**
 * Ids are dense and assigned in first-intern order starting at 0, so an interner rebuilt by interning
 * `strings()` in order reproduces every id: that is how a live swap migrates, and why stores may keep ids.
 */
export interface Interner extends Plugin {
  /** The id of `s`, assigning the next id if it is new. */
  intern(s: string): number;
  /** The id of `s`, or -1 if it was never interned (does not insert). */
  find(s: string): number;
  /** The string with this id; throws a RangeError for an id never assigned. */
  lookup(id: number): string;
  /** How many strings are interned (= the next id). */
  readonly size: number;
  /** Every string in id order. */
  strings(): IterableIterator<string>;
}
