// The state trie against a Map model: batches, removals, collapse, persistence of older roots, big keys.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { prng } from '../../bench/fixtures/prng.ts';
import { IntTrie } from './_int-trie.ts';

function contents(trie: IntTrie, root: number): Map<number, number> {
  const out = new Map<number, number>();
  for (const pos of trie.entries(root)) {
    const k = trie.keyAt(pos);
    assert.ok(!out.has(k), `key ${k} listed twice`);
    out.set(k, trie.valueAt(pos));
  }
  return out;
}

function apply(model: Map<number, number>, keys: number[], values: number[]): Map<number, number> {
  const next = new Map(model);
  keys.forEach((k, i) => (values[i]! < 0 ? next.delete(k) : next.set(k, values[i]!)));
  return next;
}

test('random batches against a Map model; every older root keeps its contents', () => {
  const r = prng(11);
  const trie = new IntTrie();
  const roots = [IntTrie.EMPTY];
  const models = [new Map<number, number>()];
  for (let step = 0; step < 600; step++) {
    const from = r.int(4) === 0 ? r.int(roots.length) : roots.length - 1;
    const n = r.pick([1, 1, 1, 2, 3, 10, 50, 400]);
    const universe = r.pick([40, 2000, 1 << 29]);
    const keys: number[] = [];
    const values: number[] = [];
    for (let i = 0; i < n; i++) {
      // Removals of present keys, of absent keys, and repeats of one key within the batch.
      const model = models[from]!;
      const present = [...model.keys()];
      keys.push(present.length > 0 && r.int(3) === 0 ? r.pick(present) : r.int(universe));
      values.push(r.int(4) === 0 ? -1 : r.int(1 << 30));
    }
    const root = trie.update(roots[from]!, Int32Array.from(keys), Int32Array.from(values), 0, n);
    const model = apply(models[from]!, keys, values);
    assert.equal(trie.lastDelta, model.size - models[from]!.size, `delta at step ${step}`);
    roots.push(root);
    models.push(model);
    if (step % 50 === 0) {
      for (let s = 0; s < roots.length; s += 7) assert.deepEqual(contents(trie, roots[s]!), models[s], `state ${s}`);
    }
    for (const k of keys) assert.equal(trie.get(root, k), model.get(k) ?? -1);
    for (let q = 0; q < 5; q++) {
      const k = r.int(universe);
      assert.equal(trie.get(root, k), model.get(k) ?? -1);
    }
  }
  roots.forEach((root, s) => assert.deepEqual(contents(trie, root), models[s]));
});

test('removing everything gives the empty node back; removing an absent key copies nothing', () => {
  const trie = new IntTrie();
  const keys = Int32Array.from({ length: 5000 }, (_, i) => i * 7);
  const full = trie.update(IntTrie.EMPTY, keys, keys.map((k) => k + 1), 0, keys.length);
  assert.equal(contents(trie, full).size, 5000);
  const before = trie.memoryBytes();
  assert.equal(trie.update(full, Int32Array.of(3), Int32Array.of(-1), 0, 1), full);
  assert.equal(trie.lastDelta, 0);
  assert.equal(trie.memoryBytes(), before);
  const none = trie.update(full, keys, new Int32Array(keys.length).fill(-1), 0, keys.length);
  assert.equal(none, IntTrie.EMPTY);
  assert.equal(trie.lastDelta, -5000);
  const one = trie.update(full, keys.subarray(1), new Int32Array(keys.length - 1).fill(-1), 0, keys.length - 1);
  assert.deepEqual(contents(trie, one), new Map([[0, 1]]));
});

test('a batch update and the same edits one at a time give the same contents', () => {
  const trie = new IntTrie();
  const r = prng(5);
  const keys = Int32Array.from({ length: 3000 }, () => r.int(10_000));
  const values = Int32Array.from(keys, (k, i) => (i % 9 === 0 ? -1 : k * 3 + i));
  const batch = trie.update(IntTrie.EMPTY, keys, values, 0, keys.length);
  let single = IntTrie.EMPTY;
  for (let i = 0; i < keys.length; i++) single = trie.update(single, keys, values, i, i + 1);
  assert.deepEqual(contents(trie, batch), contents(trie, single));
});
