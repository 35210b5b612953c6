// Conformance suite every `interner` implementation runs (hono-style: one suite, many implementations).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { PluginFactory } from '../../core/slots/plugin.ts';
import type { Interner } from '../../core/slots/interner.ts';
import { selfCheck } from './self-check.ts';

/** A test an implementation cannot pass, and why (the reason is printed as the skip message). */
export interface InternerSkip {
  readonly reason: string;
  readonly tests: readonly string[];
}

/** Strings that trip naive implementations: empty, object-prototype names, unicode forms, lone surrogates. */
const AWKWARD = [
  '',
  ' ',
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  '0',
  '-1',
  'length',
  'undefined',
  'null',
  '@alice:example.org',
  '@alice:example.org ',
  '@Alice:example.org',
  'caf\u00e9', // NFC
  'cafe\u0301', // NFD: same text on screen, a different string
  '\u{1F600}', // astral: a surrogate pair
  '\uD83D', // lone high surrogate
  '\uDE00', // lone low surrogate
  '\u0000',
  'a\u0000b',
  '日本語のルーム',
  'x'.repeat(10_000),
] as const;

function userIds(count: number, salt = ''): string[] {
  return Array.from({ length: count }, (_, i) => `@user${i}${salt}:server${i % 97}.example`);
}

export function runInternerConformance(factory: PluginFactory<Interner>, skips: readonly InternerSkip[] = []): void {
  const name = factory().name;
  const skipped = (t: string): string | false => skips.find((s) => s.tests.includes(t))?.reason ?? false;
  const it = (t: string, fn: () => void): void => {
    test(t, { skip: skipped(t) }, fn);
  };

  describe(`interner conformance: ${name}`, () => {
    it('a fresh interner is empty', () => {
      const interner = factory();
      assert.equal(interner.size, 0);
      assert.deepEqual([...interner.strings()], []);
      assert.equal(interner.find(''), -1);
    });

    it('ids are dense, from 0, in first-intern order', () => {
      const interner = factory();
      assert.equal(interner.intern('m.room.member'), 0);
      assert.equal(interner.intern('m.room.create'), 1);
      assert.equal(interner.intern('m.room.power_levels'), 2);
      assert.equal(interner.size, 3);
    });

    it('interning again returns the same id and does not grow', () => {
      const interner = factory();
      const a = interner.intern('@a:x');
      const b = interner.intern('@b:x');
      assert.equal(interner.intern('@a:x'), a);
      assert.equal(interner.intern(`@${'b'}:x`), b); // an equal string built at run time, not the same literal
      assert.equal(interner.size, 2);
    });

    it('find does not insert, and never-interned strings give -1', () => {
      const interner = factory();
      interner.intern('one');
      assert.equal(interner.find('two'), -1);
      assert.equal(interner.size, 1);
      assert.equal(interner.intern('three'), 1); // 'two' did not take id 1
      assert.equal(interner.find('three'), 1);
      assert.equal(interner.find('one'), 0);
      assert.equal(interner.find('two'), -1);
    });

    it('lookup returns the string, and throws RangeError for ids never assigned', () => {
      const interner = factory();
      assert.throws(() => interner.lookup(0), RangeError);
      interner.intern('zero');
      interner.intern('one');
      assert.equal(interner.lookup(0), 'zero');
      assert.equal(interner.lookup(1), 'one');
      for (const bad of [-1, 2, 3, 1.5, Number.NaN, Infinity, -0.5, 2 ** 31]) {
        assert.throws(() => interner.lookup(bad), RangeError, `id ${bad}`);
      }
    });

    it('unicode, empty and prototype-named strings are distinct and round-trip', () => {
      const interner = factory();
      const ids = AWKWARD.map((s) => interner.intern(s));
      assert.deepEqual(ids, AWKWARD.map((_, i) => i));
      AWKWARD.forEach((s, i) => {
        assert.equal(interner.find(s), i, JSON.stringify(s.slice(0, 20)));
        assert.equal(interner.lookup(i), s);
      });
      assert.equal(interner.find('cafe'), -1);
      assert.equal(interner.find('\uD83D\uDE00'), AWKWARD.indexOf('\u{1F600}'));
    });

    it('100k strings round-trip through intern, find and lookup', () => {
      const interner = factory();
      const all = userIds(100_000);
      for (let i = 0; i < all.length; i++) assert.equal(interner.intern(all[i]!), i);
      assert.equal(interner.size, all.length);
      for (let i = 0; i < all.length; i++) {
        if (interner.find(all[i]!) !== i) assert.fail(`find(${all[i]}) !== ${i}`);
        if (interner.lookup(i) !== all[i]) assert.fail(`lookup(${i}) !== ${all[i]}`);
      }
      for (const s of userIds(1000, 'x')) assert.equal(interner.find(s), -1, s);
      assert.equal(interner.size, all.length);
    });

    it('strings() yields every string in id order', () => {
      const interner = factory();
      const input = ['c', 'a', 'b', 'a', '', 'c', 'd'];
      for (const s of input) interner.intern(s);
      assert.deepEqual([...interner.strings()], ['c', 'a', 'b', '', 'd']);
      assert.equal(interner.size, 5);
    });

    it('a second instance rebuilt from strings() reproduces every id', () => {
      const first = factory();
      const mixed = [...userIds(5000), ...AWKWARD, ...userIds(5000, 'y')];
      for (const s of mixed) first.intern(s);
      first.intern('@user17:server17.example'); // a repeat: must not disturb the order
      const second = factory();
      for (const s of first.strings()) second.intern(s);
      assert.equal(second.size, first.size);
      for (let id = 0; id < first.size; id++) {
        const s = first.lookup(id);
        if (second.find(s) !== id || second.lookup(id) !== s) assert.fail(`id ${id} (${s.slice(0, 30)}) moved`);
      }
    });

    it('instances do not share state', () => {
      const a = factory();
      const b = factory();
      a.intern('only in a');
      assert.equal(b.find('only in a'), -1);
      assert.equal(b.size, 0);
    });

    it('passes the self-check the plugin host runs before a swap', () => {
      assert.doesNotThrow(() => selfCheck(factory()));
    });
  });
}
