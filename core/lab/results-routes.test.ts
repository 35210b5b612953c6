// Tests for GET /_lab/results and /_lab/results/{id}: listing, filters, reference runs, malformed files, bad ids.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import uws from 'uWebSockets.js';
import { call } from '../testing/http.ts';
import { rawGet } from './raw-get.ts';
import { mountRoutes } from '../http/serve.ts';
import { resultsRoutes } from './results-routes.ts';
import { ResultsStore } from './results-store.ts';
import { makeResult, writeSampleResults } from './result-fixtures.ts';
import { prng } from '../../bench/fixtures/prng.ts';
import type { BenchResult } from '../../bench/lib/result.ts';

let dir = '';
let base = '';
let socket: uws.us_listen_socket | undefined;
let written: { results: BenchResult[]; reference: BenchResult[] };

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lab-results-'));
  written = writeSampleResults(dir);
  const app = uws.App();
  mountRoutes(app, resultsRoutes(new ResultsStore(dir)), { unrecognizedPrefixes: ['/_lab/'] });
  await new Promise<void>((ok) => app.listen('127.0.0.1', 0, (s) => { socket = s || undefined; ok(); }));
  base = `http://127.0.0.1:${uws.us_socket_local_port(socket!)}`;
});
after(() => {
  if (socket) uws.us_listen_socket_close(socket);
  rmSync(dir, { recursive: true, force: true });
});

test('the list has every valid file, newest first, with its headline metric; broken files are reported', async () => {
  const r = await call('GET', `${base}/_lab/results`);
  assert.equal(r.status, 200);
  const all = [...written.results, ...written.reference];
  assert.equal(r.body.results.length, all.length);
  const ids = r.body.results.map((x: { id: string }) => x.id);
  assert.deepEqual(new Set(ids), new Set(all.map((x) => x.id)));
  const times = r.body.results.map((x: { started_at: string }) => Date.parse(x.started_at));
  assert.deepEqual(times, [...times].sort((a, b) => b - a));
  const tweet = written.results.find((x) => x.experiment === 'tweetnacl' && x.scenario === 'signer')!;
  const row = r.body.results.find((x: { id: string }) => x.id === tweet.id);
  assert.deepEqual(row, {
    id: tweet.id, scenario: 'signer', kind: 'micro', target: 'fluctlight', experiment: 'tweetnacl', git_revision: tweet.git_revision,
    git_dirty: false, started_at: tweet.started_at, reference: false,
    headline: { name: 'sign', unit: 'ns', better: 'lower', median: tweet.metrics.sign!.median, mad: tweet.metrics.sign!.mad, min: tweet.metrics.sign!.min, max: tweet.metrics.sign!.max },
  });
  const synapse = r.body.results.find((x: { target: string }) => x.target === 'synapse');
  assert.equal(synapse.reference, true);
  assert.equal(synapse.experiment, null);
  const skipped = Object.fromEntries(r.body.skipped.map((s: { file: string; error: string }) => [s.file, s.error]));
  assert.deepEqual(Object.keys(skipped).sort(), ['broken.json', 'not-a-result.json']);
  assert.match(skipped['broken.json'], /^not JSON/);
  assert.match(skipped['not-a-result.json'], /^not a bench result: /);
});

test('filters: scenario, experiment, revision prefix (and combinations)', async () => {
  const q = async (query: string) => (await call('GET', `${base}/_lab/results?${query}`)).body.results as { id: string; scenario: string; experiment: string; git_revision: string }[];
  const signer = await q('scenario=signer');
  assert.equal(signer.length, written.results.filter((x) => x.scenario === 'signer').length);
  assert.ok(signer.every((x) => x.scenario === 'signer'));
  const naive = await q('experiment=naive');
  assert.deepEqual(naive.map((x) => x.id), written.results.filter((x) => x.experiment === 'naive').map((x) => x.id));
  const rev = written.results[0]!.git_revision;
  const byRev = await q(`revision=${rev.slice(0, 7)}`);
  assert.deepEqual(new Set(byRev.map((x) => x.id)), new Set(written.results.filter((x) => x.git_revision === rev).map((x) => x.id)));
  const both = await q(`scenario=canonical-json&revision=${rev.slice(0, 7)}&experiment=baseline`);
  assert.equal(both.length, 1);
  assert.deepEqual(await q('scenario=nothing-like-this'), []);
});

test('one result: the whole file; unknown ids 404 M_NOT_FOUND; bad ids 400 M_INVALID_PARAM', async () => {
  const want = written.reference[0]!;
  const r = await call('GET', `${base}/_lab/results/${want.id}`);
  assert.equal(r.status, 200);
  assert.deepEqual(r.body, want);
  const missing = await call('GET', `${base}/_lab/results/20990101T000000Z_nothing`);
  assert.equal(missing.status, 404);
  assert.equal(missing.body.errcode, 'M_NOT_FOUND');
  // Sent raw: a URL-parsing client would resolve `..` and `%2E%2E` before sending.
  const port = Number(new URL(base).port);
  for (const bad of ['..%2F..%2Fetc%2Fpasswd', '.hidden', 'a..b', '%2E%2E', '..', 'x%00y', 'a%20b', 'reference%2Fx']) {
    const b = await rawGet(port, `/_lab/results/${bad}`);
    assert.equal(b.status, 400, bad);
    assert.equal(JSON.parse(b.body).errcode, 'M_INVALID_PARAM', bad);
  }
  const broken = await call('GET', `${base}/_lab/results/broken`);
  assert.equal(broken.status, 404);
  assert.equal(broken.body.errcode, 'M_NOT_FOUND');
  assert.equal(broken.body.malformed, true);
});

test('a file whose id does not match its name is skipped; a missing dir is an empty list', async () => {
  const other = mkdtempSync(join(tmpdir(), 'lab-results-'));
  try {
    const store = new ResultsStore(other);
    const r = makeResult({ scenario: 's', revision: 'abc', startedAt: '2025-01-01T00:00:00.000Z', metrics: { m: { unit: 'ns', better: 'lower', center: 1, noise: 0 } } }, prng(1));
    writeFileSync(join(other, 'renamed.json'), JSON.stringify(r));
    const l = await store.list();
    assert.deepEqual(l.results, []);
    assert.equal(l.skipped.length, 1);
    assert.match(l.skipped[0]!.error, /does not match the file name/);
    assert.deepEqual(await new ResultsStore(join(other, 'absent')).list(), { results: [], skipped: [] });
  } finally {
    rmSync(other, { recursive: true, force: true });
  }
});
