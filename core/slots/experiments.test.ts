// Experiment files: resolution through `extends`, and a clear error for every kind of mistake.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadExperiments, ExperimentError } from './experiments.ts';

const available = { json: ['a', 'b'], signer: ['x', 'y'] };

function withFiles(files: Record<string, unknown>, fn: (dir: string) => void): void {
  const dir = mkdtempSync(join(tmpdir(), 'fl-exp-'));
  try {
    for (const [name, v] of Object.entries(files)) writeFileSync(join(dir, name), typeof v === 'string' ? v : JSON.stringify(v));
    fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('a delta resolves over its base, through chains', () => {
  withFiles({
    'baseline.json': { slots: { json: 'a', signer: 'x' }, notes: 'base' },
    'one.json': { extends: 'baseline', slots: { signer: 'y' } },
    'two.json': { extends: 'one', slots: { json: 'b' } },
  }, (dir) => {
    const e = loadExperiments(dir, available);
    assert.deepEqual(e.get('one')!.slots, { json: 'a', signer: 'y' });
    assert.deepEqual(e.get('two')!.slots, { json: 'b', signer: 'y' });
    assert.deepEqual(e.get('two')!.delta, { json: 'b' });
    assert.equal(e.get('baseline')!.notes, 'base');
  });
});

test('every mistake is an ExperimentError naming the file and the problem', () => {
  const base = { slots: { json: 'a', signer: 'x' } };
  const cases: Array<[Record<string, unknown>, RegExp]> = [
    [{ 'baseline.json': base, 'bad.json': { extends: 'baseline', slots: { store: 'z' } } }, /bad\.json: unknown slot "store"/],
    [{ 'baseline.json': base, 'bad.json': { extends: 'baseline', slots: { json: 'zz' } } }, /bad\.json: slot "json" has no implementation "zz" \(available: a, b\)/],
    [{ 'baseline.json': base, 'bad.json': { extends: 'baseline', slot: {} } }, /bad\.json: unknown key "slot"/],
    [{ 'baseline.json': base, 'bad.json': { extends: 'nothing' } }, /bad\.json: extends unknown experiment "nothing"/],
    [{ 'a.json': { extends: 'b' }, 'b.json': { extends: 'a' } }, /cycle/],
    [{ 'half.json': { slots: { json: 'a' } } }, /half\.json: leaves slot\(s\) signer unset/],
    [{ 'broken.json': '{"slots": ' }, /broken\.json: not valid JSON/],
    [{ 'Upper.json': base }, /lower-case/],
    [{ 'baseline.json': base, 'bad.json': { extends: 'baseline', slots: { json: 3 } } }, /slots\.json must be an implementation name/],
  ];
  for (const [files, re] of cases) withFiles(files, (dir) => assert.throws(() => loadExperiments(dir, available), (e: unknown) => e instanceof ExperimentError && re.test(e.message), re.source));
});
