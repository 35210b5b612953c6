// The interner self-check passes good implementations and names the failure of broken ones.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PluginError, PluginErrorCode } from '../../core/slots/plugin.ts';
import type { Interner } from '../../core/slots/interner.ts';
import map from './map.ts';
import hashTable from './hash-table.ts';
import { selfCheck } from './self-check.ts';

function isSelfCheckFailure(name: string) {
  return (err: unknown): boolean =>
    err instanceof PluginError && err.code === PluginErrorCode.SELF_CHECK_FAILED && err.plugin === name;
}

/** Wraps a working interner, replacing some methods. */
function patched(name: string, base: Interner, patch: Partial<Interner>): Interner {
  return {
    name,
    intern: (s) => base.intern(s),
    find: (s) => base.find(s),
    lookup: (id) => base.lookup(id),
    get size() {
      return base.size;
    },
    strings: () => base.strings(),
    ...patch,
  };
}

test('self-check passes both implementations', () => {
  selfCheck(map());
  selfCheck(hashTable());
});

test('self-check refuses an instance that is not empty', () => {
  const used = map();
  used.intern('x');
  assert.throws(() => selfCheck(used), isSelfCheckFailure('map'));
});

test('self-check catches a find that inserts', () => {
  const base = map();
  const bad = patched('find-inserts', base, { find: (s) => base.intern(s) });
  assert.throws(() => selfCheck(bad), (err: unknown) => isSelfCheckFailure('find-inserts')(err) && /unknown string/.test(String(err)));
});

test('self-check catches a lookup that returns undefined instead of throwing', () => {
  const bad = patched('lenient-lookup', map(), { lookup: () => undefined as unknown as string });
  assert.throws(() => selfCheck(bad), isSelfCheckFailure('lenient-lookup'));
});

test('self-check catches strings() out of order', () => {
  const base = map();
  const bad = patched('reversed', base, {
    strings: () => [...base.strings()].reverse().values(),
  });
  assert.throws(() => selfCheck(bad), (err: unknown) => isSelfCheckFailure('reversed')(err) && /id order/.test(String(err)));
});

test('self-check catches an interner that hands out ids from 1', () => {
  const base = map();
  base.intern('\u0001placeholder');
  const bad = patched('one-based', base, {
    get size() {
      return base.size - 1;
    },
  } as Partial<Interner>);
  assert.throws(() => selfCheck(bad), (err: unknown) => isSelfCheckFailure('one-based')(err) && /did not give id 0/.test(String(err)));
});
