// Reading mitata's JSON: metric keys "<group>/<name>", errors, and the --quick implementation filter.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { implFilter, mitataMedians, parseMitata } from './mitata-json.ts';

// Trimmed from `signer.bench.ts --json` (layout entries per group, benchmarks pointing at them).
const REPORT = JSON.stringify({
  layout: [{ name: null, types: [] }, { name: 'sign 1 KB', types: ['g'] }, { name: 'verify 1 KB', types: ['g'] }],
  benchmarks: [
    { alias: 'node-crypto', group: 1, runs: [{ name: 'node-crypto', stats: { p50: 25180.5, p99: 31642 } }] },
    { alias: 'tweetnacl', group: 1, runs: [{ name: 'tweetnacl', stats: { p50: 2.49e6 } }] },
    { alias: 'tweetnacl', group: 2, runs: [{ name: 'tweetnacl', error: { message: 'boom', stack: '…' } }] },
    { alias: 'loose', group: 0, runs: [{ name: 'loose', stats: { p50: 3 } }] },
    { alias: 'loose', group: 0, runs: [{ name: 'loose', stats: { p50: 4 } }] },
  ],
  context: { cpu: { name: 'AMD EPYC', freq: 3.05 } },
});

test('medians keyed by group and name, in run order; errors listed', () => {
  const m = mitataMedians(parseMitata(REPORT));
  assert.deepEqual([...m.medians], [['sign 1 KB/node-crypto', 25180.5], ['sign 1 KB/tweetnacl', 2.49e6], ['loose', 3], ['loose #2', 4]]);
  assert.deepEqual(m.errors, ['verify 1 KB/tweetnacl: boom']);
});

test('stray text before the JSON is skipped; a non-report is an error', () => {
  assert.equal(parseMitata('warning: something\n' + REPORT).benchmarks.length, 5);
  assert.throws(() => parseMitata('{"hello":1}'), /not a mitata JSON report/);
});

test('the implementation filter keeps single names and " + " pairs of them only', () => {
  const re = new RegExp(implFilter(['single-pass', 'node-crypto', 'map']));
  for (const ok of ['single-pass', 'node-crypto', 'map', 'single-pass + node-crypto']) assert.ok(re.test(ok), ok);
  for (const no of ['tweetnacl', 'single-pass + tweetnacl', 'JSON.stringify (baseline)', 'hash-table', 'mapx']) assert.ok(!re.test(no), no);
  assert.ok(new RegExp(implFilter(['a.b'])).test('a.b') && !new RegExp(implFilter(['a.b'])).test('axb'), 'regex characters are escaped');
});
